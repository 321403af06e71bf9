import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

import type { MessageView } from '../contracts/messages';
import type { PushPayload } from '../contracts/notifications';
import type { MessageEventData } from '../contracts/webhooks';
import type { DomainEvent } from '../events/domain-event';
import { DomainEvents, type DomainEventSink } from '../events/domain-events';
import { BlocksService } from '../friends/blocks.service';
import { ConversationsService } from '../messages/conversations.service';
import { PresenceRegistry } from '../presence/presence.registry';
import { UsersService } from '../users/users.service';
import { MissedMessagesService } from './missed-messages.service';
import { PushService } from './push.service';

const MEDIA_MARK: Record<string, string> = { image: '📷', video: '🎞️', file: '📄', audio: '🎤' };

/**
 * What a new message sets off outside the tab, for each recipient: the missed-message e-mail's burst (stored with
 * the send, so a restart loses none) and, for someone with no tab open, a Web Push to their devices. Costs the send
 * one bulk write for all its recipients, and with push configured, for an offline recipient one indexed read (three
 * more with push devices).
 */
@Injectable()
export class MessageNotifications implements DomainEventSink, OnModuleInit {
  private readonly logger = new Logger('MessageNotifications');

  constructor(
    private readonly events: DomainEvents,
    private readonly missed: MissedMessagesService,
    private readonly push: PushService,
    private readonly presence: PresenceRegistry,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
  ) {}

  onModuleInit(): void {
    this.events.connect(this);
  }

  async accept(event: DomainEvent): Promise<void> {
    if (event.type !== 'message.created') return;
    const { message, participantIds } = event.data as MessageEventData;
    const recipients = participantIds.filter((id) => id !== message.senderId);
    await this.missed.messageArrived(recipients, message.conversationId, message.seq);
    await Promise.all(
      recipients.map(async (recipient) => {
        // Decided with the send, so a mute or do-not-disturb set after it can't change what this message does;
        // only the delivery runs in the background.
        const payload = await this.pushFor(recipient, message).catch((error: Error) => {
          this.logger.warn(`push for a new message skipped: ${error.message}`);
          return null;
        });
        if (payload)
          void this.push
            .notify(recipient, payload)
            .catch((error: Error) => this.logger.warn(`push for a new message failed: ${error.message}`));
      }),
    );
  }

  /** Open tabs notify by themselves (desktop notifications); push is for when none is open. */
  private async pushFor(userId: string, message: MessageView): Promise<PushPayload | null> {
    if (!this.push.publicKey || (await this.presence.isOnline(userId)) || !(await this.push.hasDevices(userId)))
      return null;
    const [state, user, sender] = await Promise.all([
      this.conversations.notificationStateOf(userId, message.conversationId),
      this.users.findById(userId),
      this.users.findById(message.senderId),
    ]);
    const quietUntil = user?.settings?.doNotDisturbUntil;
    if (!state || state.muted || !sender || (quietUntil && quietUntil.getTime() > Date.now())) return null;
    // A group shares messages between people who blocked each other; they do not notify each other of them.
    if (state.groupName !== null && (await this.blocks.eitherBlocked(userId, message.senderId))) return null;
    const mark = MEDIA_MARK[message.kind] ?? '';
    const text = [mark, message.text ?? message.media?.name ?? ''].filter(Boolean).join(' ');
    // A group's notification is titled with the group and says who wrote.
    return {
      conversationId: message.conversationId,
      title: state.groupName ?? sender.displayName,
      body: (state.groupName === null ? text : `${sender.displayName}: ${text}`).slice(0, 140),
    };
  }
}
