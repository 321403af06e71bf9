import { join } from 'node:path';

import { registerAs } from '@nestjs/config';

import { dataDirOf, loadEnv } from './env.validation';

const MB = 1024 * 1024;

export const mediaConfig = registerAs('media', () => {
  const env = loadEnv();
  return {
    /** Local driver: files live here. */
    dir: join(dataDirOf(env), 'media'),
    maxImageBytes: Math.round((env.MEDIA_MAX_IMAGE_MB ?? 10) * MB),
    maxVideoBytes: Math.round((env.MEDIA_MAX_VIDEO_MB ?? 50) * MB),
    /** Documents, archives, text and audio. */
    maxFileBytes: Math.round((env.MEDIA_MAX_FILE_MB ?? 25) * MB),
    /** clamd's unix socket; when set, every upload is held until clamd finds it clean. */
    clamavSocket: env.CLAMAV_SOCKET ?? null,
    /** cloudinary://<key>:<secret>@<cloud>; when set, media is stored on Cloudinary instead of local disk. */
    cloudinaryUrl: env.CLOUDINARY_URL ?? null,
    /** Base URL of Cloudinary's upload API, only to point the SDK at a stand-in server in tests. */
    cloudinaryUploadPrefix: env.CLOUDINARY_UPLOAD_PREFIX ?? null,
    /** How long a signed Cloudinary delivery URL stays valid. */
    signedUrlTtlSeconds: 10 * 60,
  };
});
export type MediaConfig = ReturnType<typeof mediaConfig>;
