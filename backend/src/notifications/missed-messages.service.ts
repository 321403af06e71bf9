import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { AllConfig } from '../config';
import { BlocksService } from '../friends/blocks.service';
import { MailService } from '../mail/mail.service';
import { type MissedFrom, missedMessagesMail } from '../mail/mail.templates';
import { ConversationsService } from '../messages/conversations.service';
import { PresenceRegistry } from '../presence/presence.registry';
import { UsersService } from '../users/users.service';
import { MissedMessages, type MissedMessagesDocument } from './schemas/missed-messages.schema';
import { unsubscribeToken } from './unsubscribe-token';

/** How long an instance may take to send one e-mail before another instance may try it again. */
const CLAIM_MS = 5 * 60_000;
const DUPLICATE_KEY = 11000;

/**
 * The missed-message e-mail: when a message stays unread for MISSED_MESSAGE_EMAIL_MINUTES while its reader is
 * offline, one e-mail per conversation tells how many and from whom. Each step is one idempotent single-document
 * write, so a restart (or a second instance) picks up where it stopped.
 */
@Injectable()
export class MissedMessagesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MissedMessages');
  private readonly delayMs: number | null;
  private readonly appUrl: string;
  private readonly secret: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectModel(MissedMessages.name) private readonly missed: Model<MissedMessages>,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly presence: PresenceRegistry,
    private readonly mail: MailService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.delayMs = config.get('notifications', { infer: true }).missedMessageDelayMs;
    this.appUrl = config.get('mail', { infer: true }).appUrl;
    this.secret = config.get('auth', { infer: true }).jwtSecret;
  }

  onApplicationBootstrap(): void {
    if (this.delayMs === null) return;
    // Often enough that an e-mail goes out within a quarter of the delay, at most every 30 s.
    const every = Math.min(30_000, Math.max(250, this.delayMs / 4));
    this.timer = setInterval(() => void this.sendDue(), every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * A message for each of `userIds` was stored: each one's burst e-mail is due a delay after its first message. One
   * bulk write of upserts (a group message has up to GROUP_MAX_MEMBERS recipients).
   */
  async messageArrived(userIds: string[], conversationId: string, seq: number): Promise<void> {
    if (this.delayMs === null || userIds.length === 0) return;
    const conversation = new Types.ObjectId(conversationId);
    const update = {
      $setOnInsert: { dueAt: new Date(Date.now() + this.delayMs), claimedUntil: null },
      $max: { lastSeq: seq },
    };
    const ops = (upsert: boolean, users: string[]) =>
      users.map((userId) => ({
        updateOne: { filter: { userId: new Types.ObjectId(userId), conversationId: conversation }, update, upsert },
      }));
    try {
      await this.missed.bulkWrite(ops(true, userIds), { ordered: false });
    } catch (error) {
      // Two first messages at once: one inserted, the other now updates.
      const raced = duplicateKeyIndexes(error);
      if (!raced) throw error;
      await this.missed.bulkWrite(
        ops(
          false,
          raced.map((index) => userIds[index]),
        ),
        { ordered: false },
      );
    }
  }

  /** Every burst that is due, one at a time; a tick still running is not started again. */
  sendDue(): Promise<void> {
    this.running ??= this.drain()
      .catch((error: Error) => this.logger.error(`missed-message e-mails failed: ${error.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    for (let burst = await this.claim(); burst; burst = await this.claim()) await this.handle(burst);
  }

  /** One atomic update takes a due burst, so of two instances only one sends it. */
  private claim(): Promise<MissedMessagesDocument | null> {
    const now = new Date();
    return this.missed
      .findOneAndUpdate(
        {
          dueAt: trusted({ $lte: now }),
          $or: [{ claimedUntil: null }, { claimedUntil: trusted({ $lte: now }) }],
        },
        { $set: { claimedUntil: new Date(now.getTime() + CLAIM_MS) } },
        { new: true, sort: { dueAt: 1 } },
      )
      .exec();
  }

  private async handle(burst: MissedMessagesDocument): Promise<void> {
    const userId = burst.userId.toString();
    const conversationId = burst.conversationId.toString();
    const [state, user] = await Promise.all([
      this.conversations.notificationStateOf(userId, conversationId),
      this.users.findById(userId),
    ]);
    // Read meanwhile, muted, e-mails turned off or the account gone: nothing to tell.
    if (!state || state.unread === 0 || state.muted || !user || user.status !== 'active') return this.finish(burst);
    if (user.settings?.emailNotifications === false) return this.finish(burst);
    const quietUntil = user.settings?.doNotDisturbUntil;
    if (quietUntil && quietUntil.getTime() > Date.now()) return this.postpone(burst, quietUntil);
    // Online: they may still read it; ask again after another delay.
    if (await this.presence.isOnline(userId)) return this.postpone(burst, new Date(Date.now() + this.delayMs!));
    const from = await this.fromOf(userId, state);
    // In a group, messages from people they blocked are not news to tell.
    const count =
      state.groupName === null ? state.unread : await this.conversations.unreadWithoutBlocked(userId, conversationId);
    if (from === null || count === 0) return this.finish(burst);
    await this.mail.send({
      to: user.email,
      ...missedMessagesMail(
        user.displayName,
        count,
        from,
        `${this.appUrl}/c/${conversationId}`,
        `${this.appUrl}/api/notifications/unsubscribe?token=${unsubscribeToken(this.secret, userId)}`,
      ),
    });
    await this.finish(burst);
  }

  /** Whom the e-mail says the messages are from: a group, or the other person (null: nobody to tell of). */
  private async fromOf(
    userId: string,
    state: { otherId: string | null; groupName: string | null },
  ): Promise<MissedFrom | null> {
    if (state.otherId === null) return { group: state.groupName ?? '' };
    const [sender, blocked] = await Promise.all([
      this.users.findById(state.otherId),
      this.blocks.eitherBlocked(userId, state.otherId),
    ]);
    if (blocked || !sender) return null;
    return { person: sender.status === 'active' ? sender.displayName : 'Deleted user' };
  }

  /** Done with this burst; a message that arrived meanwhile starts the next one (a delay from now). */
  private async finish(burst: MissedMessagesDocument): Promise<void> {
    const { deletedCount } = await this.missed.deleteOne({ _id: burst._id, lastSeq: burst.lastSeq }).exec();
    if (deletedCount === 0) await this.postpone(burst, new Date(Date.now() + this.delayMs!));
  }

  private async postpone(burst: MissedMessagesDocument, dueAt: Date): Promise<void> {
    await this.missed.updateOne({ _id: burst._id }, { $set: { dueAt, claimedUntil: null } }).exec();
  }
}

/** The positions of a bulk write's operations that failed on a duplicate key, or null when anything else failed. */
function duplicateKeyIndexes(error: unknown): number[] | null {
  const failures = (error as { writeErrors?: { code?: number; index: number }[] }).writeErrors;
  if (!failures?.length || failures.some((failure) => failure.code !== DUPLICATE_KEY)) return null;
  return failures.map((failure) => failure.index);
}
