import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { FriendsModule } from '../friends/friends.module';
import { MessagesModule } from '../messages/messages.module';
import { Message, MessageSchema } from '../messages/schemas/message.schema';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SearchRateLimit } from './search-rate-limit';
import { SearchTermsBackfill } from './search-terms-backfill';

@Module({
  imports: [MessagesModule, FriendsModule, MongooseModule.forFeature([{ name: Message.name, schema: MessageSchema }])],
  controllers: [SearchController],
  providers: [SearchService, SearchRateLimit, SearchTermsBackfill],
})
export class SearchModule {}
