import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuthModule } from '../auth/auth.module';
import { FriendsModule } from '../friends/friends.module';
import { MailModule } from '../mail/mail.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { MessageNotifications } from './message-notifications';
import { MissedMessagesService } from './missed-messages.service';
import { NotificationsController } from './notifications.controller';
import { PushService } from './push.service';
import { MissedMessages, MissedMessagesSchema } from './schemas/missed-messages.schema';
import { PushSubscription, PushSubscriptionSchema } from './schemas/push-subscription.schema';

/** Notifications outside the tab: Web Push, the missed-message e-mail, mute. */
@Module({
  imports: [
    AuthModule,
    MessagesModule,
    UsersModule,
    FriendsModule,
    MailModule,
    MongooseModule.forFeature([
      { name: PushSubscription.name, schema: PushSubscriptionSchema },
      { name: MissedMessages.name, schema: MissedMessagesSchema },
    ]),
  ],
  controllers: [NotificationsController],
  providers: [PushService, MissedMessagesService, MessageNotifications],
})
export class NotificationsModule {}
