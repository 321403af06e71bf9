import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { MAX_REACTION_EMOJI, type MessageReactionsView } from '../contracts/messages';
import { MessageServerEvent } from '../contracts/socket-events';
import { FriendsService } from '../friends/friends.service';
import { RealtimeService } from '../realtime/realtime.service';
import { otherParticipant } from './conversation-ref';
import { audienceOf } from './conversation-view';
import { notParticipant } from './conversations.service';
import { toReactionViews } from './message.mapper';
import { messageDeleted, ReadableMessages } from './readable-messages';
import type { Conversation } from './schemas/conversation.schema';
import { Message, type MessageDocument } from './schemas/message.schema';

/**
 * Reactions: each emoji's `userIds` is a set, changed by one atomic update of the message, so a retried PUT or
 * DELETE changes nothing more and concurrent reactions never lose each other. Everyone who may see the message
 * hears of a change (`message:reactions`, through the realtime service, so on every instance).
 */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly readable: ReadableMessages,
    private readonly friends: FriendsService,
    private readonly realtime: RealtimeService,
  ) {}

  async add(me: string, messageId: string, emoji: string): Promise<MessageReactionsView> {
    const { message, conversation } = await this.authorize(me, messageId);
    const user = new Types.ObjectId(me);
    for (;;) {
      // The emoji is there without me: add me to its set.
      const added = await this.messages
        .findOneAndUpdate(
          { _id: message._id, deletedAt: null, reactions: trusted({ $elemMatch: { emoji, userIds: { $ne: user } } }) },
          { $addToSet: { 'reactions.$[reaction].userIds': user }, $inc: { reactionsVersion: 1 } },
          { new: true, arrayFilters: [{ 'reaction.emoji': emoji }] },
        )
        .exec();
      if (added) return this.tell(added, conversation);
      // It is not there at all: add it, unless the message has the most emoji it may have.
      const pushed = await this.messages
        .findOneAndUpdate(
          {
            _id: message._id,
            deletedAt: null,
            'reactions.emoji': trusted({ $ne: emoji }),
            [`reactions.${MAX_REACTION_EMOJI - 1}`]: trusted({ $exists: false }),
          },
          { $push: { reactions: { emoji, userIds: [user] } }, $inc: { reactionsVersion: 1 } },
          { new: true },
        )
        .exec();
      if (pushed) return this.tell(pushed, conversation);
      const now = (await this.messages.findById(message._id).exec())!;
      if (now.deletedAt) throw messageDeleted();
      const mine = now.reactions?.find((reaction) => reaction.emoji === emoji);
      if (mine?.userIds.some((id) => id.equals(user))) return this.viewOf(now);
      // Someone else added the emoji meanwhile (then the next round adds me to it), or it is the limit.
      if (!mine && (now.reactions?.length ?? 0) >= MAX_REACTION_EMOJI) {
        throw new ConflictException({
          message: `A message takes at most ${MAX_REACTION_EMOJI} different emoji`,
          code: 'too_many_reactions',
        });
      }
    }
  }

  async remove(me: string, messageId: string, emoji: string): Promise<MessageReactionsView> {
    const { message, conversation } = await this.authorize(me, messageId);
    const user = new Types.ObjectId(me);
    const pulled = await this.messages
      .findOneAndUpdate(
        { _id: message._id, deletedAt: null, reactions: trusted({ $elemMatch: { emoji, userIds: user } }) },
        { $pull: { 'reactions.$[reaction].userIds': user }, $inc: { reactionsVersion: 1 } },
        { new: true, arrayFilters: [{ 'reaction.emoji': emoji }] },
      )
      .exec();
    if (!pulled) return this.viewOf((await this.messages.findById(message._id).exec())!);
    // An emoji nobody has any more goes (until then views leave its empty entry out).
    await this.messages
      .updateOne({ _id: message._id }, { $pull: { reactions: { emoji, userIds: trusted({ $size: 0 }) } } })
      .exec();
    return this.tell(pulled, conversation);
  }

  /**
   * Whoever may read the message and still writes in its conversation: a current member of a group who may see it,
   * in a direct conversation someone who may still message the other (not after a block or an unfriending).
   */
  private async authorize(me: string, messageId: string) {
    const found = await this.readable.toActOn(me, messageId);
    const { conversation } = found;
    if (!conversation.participants.some((p) => p.toString() === me)) throw notParticipant();
    if (conversation.kind === 'direct') await this.friends.assertMayMessage(me, otherParticipant(conversation, me));
    else await this.friends.assertVerifiedSender(me);
    return found;
  }

  private viewOf(message: MessageDocument): MessageReactionsView {
    return {
      messageId: message._id.toString(),
      conversationId: message.conversationId.toString(),
      reactions: toReactionViews(message.reactions),
      version: message.reactionsVersion ?? 0,
    };
  }

  /** A change is told to whoever may see the message. */
  private tell(message: MessageDocument, conversation: Conversation): MessageReactionsView {
    const view = this.viewOf(message);
    this.realtime.toUsers(audienceOf(conversation, message.seq), MessageServerEvent.MessageReactions, view);
    return view;
  }
}
