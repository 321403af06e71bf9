import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';

import { AdminService } from '../admin/admin.service';
import { AuditService } from '../admin/audit.service';
import type { ServiceMessageSent, UnreadCounts } from '../contracts/service-tokens';
import type { AdminUserView } from '../contracts/users';
import { ConversationsService } from '../messages/conversations.service';
import { MessagesService } from '../messages/messages.service';
import type { ServiceCaller } from '../service-tokens/service-tokens.service';
import type { UserDocument } from '../users/schemas/user.schema';
import { toPublicUser } from '../users/user.mapper';
import type { UserRef } from '../users/user-ref';
import { UsersService } from '../users/users.service';
import { type SendServiceMessageDto, toUserRef } from './dto/service-message.dto';
import type { UpdateServiceUserDto } from './dto/service-user.dto';

const userNotFound = () => new NotFoundException({ message: 'User not found', code: 'user_not_found' });

/** What a service token does, each through the service that owns it (messages, conversations, admin). */
@Injectable()
export class ServiceApiService {
  constructor(
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly admin: AdminService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sends as the token's service account to an active person, without friendship, through the one send path (so
   * it is delivered live, counted unread and caught up like any message). Exactly once per clientId. 403
   * `recipient_unavailable` when the person blocked the account.
   */
  async send(caller: ServiceCaller, input: SendServiceMessageDto): Promise<ServiceMessageSent> {
    const recipient = await this.existing(toUserRef(input.to));
    if (recipient.origin === 'service') {
      throw new ForbiddenException({
        message: 'Service accounts do not receive messages',
        code: 'recipient_unavailable',
      });
    }
    const conversation = await this.conversations.getOrCreate(caller.accountId, { userId: recipient._id.toString() });
    const message = await this.messages.send(caller.accountId, conversation.id, {
      clientId: input.clientId,
      text: input.text,
    });
    return { message, to: toPublicUser(recipient) };
  }

  async unread(ref: UserRef): Promise<UnreadCounts> {
    return this.conversations.unreadOf((await this.existing(ref))._id.toString());
  }

  async user(ref: UserRef): Promise<AdminUserView> {
    return this.admin.view(await this.existing(ref));
  }

  /**
   * Renames, deactivates (the admins' ban) or reactivates a person, audited with the service account as the actor
   * and the token in the details.
   */
  async update(caller: ServiceCaller, ref: UserRef, changes: UpdateServiceUserDto): Promise<AdminUserView> {
    let user = await this.existing(ref);
    const id = user._id.toString();
    const via = { via: 'service_token', tokenId: caller.tokenId, token: caller.name };
    if (changes.displayName !== undefined && changes.displayName !== user.displayName) {
      const from = user.displayName;
      user = await this.users.updateIdentity(user, { displayName: changes.displayName, verifiedEmail: null });
      await this.audit.record(caller.accountId, 'user.updated', id, {
        ...via,
        displayName: { from, to: user.displayName },
      });
    }
    if (changes.active === false) return this.admin.ban(caller.accountId, id, via);
    if (changes.active === true) return this.admin.unban(caller.accountId, id, via);
    return this.admin.view(user);
  }

  /** The account a reference names; 404 for none or an erased one (which no longer exists for anyone). */
  private async existing(ref: UserRef): Promise<UserDocument> {
    const user = await this.users.findByRef(ref);
    if (!user || user.status === 'erased') throw userNotFound();
    return user;
  }
}
