import { ConflictException, Injectable } from '@nestjs/common';

import { AuditService } from '../admin/audit.service';
import { AccessTokensService } from '../auth/access-tokens.service';
import { PasswordRecoveryService } from '../auth/password-recovery.service';
import { SessionsService } from '../auth/sessions.service';
import { FriendsService } from '../friends/friends.service';
import { MediaService } from '../media/media.service';
import { GroupsService } from '../messages/groups.service';
import { MessagesService } from '../messages/messages.service';
import { RealtimeService } from '../realtime/realtime.service';
import { UsersService } from '../users/users.service';

export interface ErasedBy {
  /** The person who asked (the user themselves or an admin); null for the identity provider (SCIM). */
  actorId: string | null;
  via: 'self' | 'admin' | 'scim';
}

/**
 * Erases a person's account: the account is marked 'erased' first, then everything personal goes, step by step,
 * each step safe to repeat, so a retry after a crash finishes the job and erasing an erased (or unknown) account
 * changes nothing. They leave their groups. Their messages stay for the other participants, shown from "Deleted user"; the account row
 * stays as that placeholder so those messages keep a sender. Writes that race with this (sign-in, friend requests,
 * sends, uploads) check the mark after they land and undo themselves (see UsersService.isErased).
 */
@Injectable()
export class AccountErasureService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokensService,
    private readonly sessions: SessionsService,
    private readonly recovery: PasswordRecoveryService,
    private readonly realtime: RealtimeService,
    private readonly friends: FriendsService,
    private readonly messages: MessagesService,
    private readonly groups: GroupsService,
    private readonly media: MediaService,
    private readonly audit: AuditService,
  ) {}

  /** 409 `last_admin` when this is the install's last active admin. */
  async erase(userId: string, by: ErasedBy): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    if (user.status !== 'erased') {
      const changed = await this.users.changeAccess(userId, { roles: ['user'], status: 'erased' });
      if (changed === 'last_admin') {
        throw new ConflictException({ message: 'The last administrator cannot be erased', code: 'last_admin' });
      }
    }
    await this.users.replacePersonalFields(userId);
    this.tokens.forget(userId);
    await this.sessions.revokeAllOf(userId, 'erased');
    await this.recovery.voidLinksOf(userId);
    this.realtime.endUser(userId, 'account_erased');
    await this.friends.forgetUser(userId);
    await this.groups.leaveAll(userId);
    await this.messages.announceErased(userId);
    await this.messages.markMediaRemovedOf(userId);
    await this.media.deleteAllOwnedBy(userId);
    await this.audit.recordOnce(by.actorId, 'user.erased', userId, { via: by.via });
  }
}
