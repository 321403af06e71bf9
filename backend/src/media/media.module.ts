import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { AuthModule } from '../auth/auth.module';
import { mediaConfig } from '../config';
import { UsersModule } from '../users/users.module';
import { AvatarController } from './avatar.controller';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { MediaCleanupService } from './media-cleanup.service';
import { MediaReader } from './media-reader';
import { Media, MediaSchema } from './schemas/media.schema';
import { CloudinaryStorageDriver } from './storage/cloudinary-storage.driver';
import { LocalStorageDriver } from './storage/local-storage.driver';
import { STORAGE_DRIVER } from './storage/storage-driver';
import { ClamdScanner, VIRUS_SCANNER } from './virus-scanner';

@Module({
  imports: [
    ConfigModule.forFeature(mediaConfig),
    MongooseModule.forFeature([{ name: Media.name, schema: MediaSchema }]),
    AuthModule,
    UsersModule,
  ],
  controllers: [MediaController, AvatarController],
  providers: [
    MediaService,
    MediaReader,
    MediaCleanupService,
    {
      provide: STORAGE_DRIVER,
      inject: [mediaConfig.KEY],
      // Cloudinary when CLOUDINARY_URL is set, local disk otherwise.
      useFactory: (config: ConfigType<typeof mediaConfig>) =>
        config.cloudinaryUrl
          ? new CloudinaryStorageDriver({
              url: config.cloudinaryUrl,
              uploadPrefix: config.cloudinaryUploadPrefix,
              signedUrlTtlSeconds: config.signedUrlTtlSeconds,
            })
          : new LocalStorageDriver(config.dir),
    },
    {
      provide: VIRUS_SCANNER,
      inject: [mediaConfig.KEY],
      useFactory: (config: ConfigType<typeof mediaConfig>) =>
        config.clamavSocket ? new ClamdScanner(config.clamavSocket) : null,
    },
  ],
  exports: [MediaService],
})
export class MediaModule {}
