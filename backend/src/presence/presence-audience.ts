import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { ExpiringCache } from '../common/expiring-cache';
import type { AllConfig } from '../config';
import { BlocksService } from '../friends/blocks.service';
import { FriendsService } from '../friends/friends.service';
import { pairKey } from '../friends/pair-key';
import { ConversationPartners } from '../messages/conversation-partners';
import { CacheInvalidation } from '../realtime/cache-invalidation';

/** A safety net only: every change that matters drops the entries at once. */
const AUDIENCE_CACHE_MS = 60_000;

/**
 * Who sees a user's presence (and whose presence they see: the rule is symmetric). Friends; with
 * DIRECT_MESSAGES=everyone also the people they share a conversation with that has had a message (opening an
 * empty one reveals nothing, so no one can collect the company's presence by opening chats); never anyone
 * blocked either way, and never the whole company. Read on connect and disconnect, so it is cached per user and
 * dropped (on every instance) when a friendship or block changes or a conversation gets its first message.
 */
@Injectable()
export class PresenceAudience {
  private readonly audiences = new ExpiringCache<string[]>(AUDIENCE_CACHE_MS);

  constructor(
    private readonly friends: FriendsService,
    private readonly blocks: BlocksService,
    private readonly partners: ConversationPartners,
    private readonly invalidation: CacheInvalidation,
    private readonly config: ConfigService<AllConfig, true>,
  ) {
    // Relationship keys are pair keys "<id>:<id>": both people's audiences change.
    invalidation.on('relationship', (key) => key.split(':').forEach((userId) => this.audiences.delete(userId)));
  }

  of(userId: string): Promise<string[]> {
    return this.audiences.get(userId, async () => {
      const [friendIds, partnerIds, blocked] = await Promise.all([
        this.friends.friendIds(userId),
        this.includesPartners() ? this.partners.bothWrote(userId) : [],
        this.blocks.blockedEitherWay(userId),
      ]);
      const hidden = new Set(blocked);
      return [...new Set([...friendIds, ...partnerIds])].filter((id) => !hidden.has(id));
    });
  }

  /** Both people of a conversation have now written; true when that lets them see each other's presence. */
  conversationStarted(a: string, b: string): boolean {
    if (!this.includesPartners()) return false;
    this.invalidation.invalidate('relationship', pairKey(a, b));
    return true;
  }

  private includesPartners(): boolean {
    return this.config.get('directory', { infer: true }).directMessages === 'everyone';
  }
}
