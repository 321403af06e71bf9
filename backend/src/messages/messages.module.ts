import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { LegalHoldsModule } from '../compliance/legal-holds.module';
import { FriendsModule } from '../friends/friends.module';
import { MediaModule } from '../media/media.module';
import { UsersModule } from '../users/users.module';
import { ConversationPartners } from './conversation-partners';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { GroupsService } from './groups.service';
import { MessageHistoryService } from './message-history.service';
import { MessageKeepingService } from './message-keeping.service';
import { MessageRateLimit } from './message-rate-limit';
import { MessageVersionsService } from './message-versions.service';
import { MessageViews } from './message-views';
import { MessagesController } from './messages.controller';
import { MessagesGateway } from './messages.gateway';
import { MessagesService } from './messages.service';
import { ReactionsService } from './reactions.service';
import { ReadableMessages } from './readable-messages';
import { ReceiptsService } from './receipts.service';
import { Conversation, ConversationSchema } from './schemas/conversation.schema';
import { Message, MessageSchema } from './schemas/message.schema';
import { MessageVersion, MessageVersionSchema } from './schemas/message-version.schema';
import { SendAdmission } from './send-admission';
import { SeqBackfill } from './seq-backfill';

@Module({
  imports: [
    UsersModule,
    FriendsModule,
    MediaModule,
    LegalHoldsModule,
    MongooseModule.forFeature([
      { name: Conversation.name, schema: ConversationSchema },
      { name: Message.name, schema: MessageSchema },
      { name: MessageVersion.name, schema: MessageVersionSchema },
    ]),
  ],
  controllers: [ConversationsController, MessagesController],
  providers: [
    ConversationsService,
    ConversationPartners,
    GroupsService,
    MessagesService,
    MessageHistoryService,
    MessageKeepingService,
    MessageVersionsService,
    MessageViews,
    ReadableMessages,
    ReactionsService,
    ReceiptsService,
    MessagesGateway,
    MessageRateLimit,
    SendAdmission,
    SeqBackfill,
  ],
  exports: [
    MessagesService,
    ConversationsService,
    MessageHistoryService,
    MessageKeepingService,
    MessageViews,
    ConversationPartners,
    GroupsService,
  ],
})
export class MessagesModule {}
