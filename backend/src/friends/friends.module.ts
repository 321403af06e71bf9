import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { UsersModule } from '../users/users.module';
import { BlocksController } from './blocks.controller';
import { BlocksService } from './blocks.service';
import { FriendsController } from './friends.controller';
import { FriendsService } from './friends.service';
import { Block, BlockSchema } from './schemas/block.schema';
import { FriendRequest, FriendRequestSchema } from './schemas/friend-request.schema';
import { Friendship, FriendshipSchema } from './schemas/friendship.schema';

@Module({
  imports: [
    UsersModule,
    MongooseModule.forFeature([
      { name: FriendRequest.name, schema: FriendRequestSchema },
      { name: Friendship.name, schema: FriendshipSchema },
      { name: Block.name, schema: BlockSchema },
    ]),
  ],
  controllers: [FriendsController, BlocksController],
  providers: [FriendsService, BlocksService],
  exports: [FriendsService, BlocksService],
})
export class FriendsModule {}
