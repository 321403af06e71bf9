import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { AccessTokensService } from '../auth/access-tokens.service';
import { InvitationsService } from '../auth/invitations.service';
import { SessionsService } from '../auth/sessions.service';
import type { AllConfig } from '../config';
import type { AdminUserView, Page, Role } from '../contracts/users';
import { PresenceRegistry } from '../presence/presence.registry';
import { RealtimeService } from '../realtime/realtime.service';
import type { UserDocument } from '../users/schemas/user.schema';
import { toAdminUserView } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { type AuditDetails, AuditService } from './audit.service';
import type { InviteUserDto } from './dto/invite-user.dto';

@Injectable()
export class AdminService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: AccessTokensService,
    private readonly realtime: RealtimeService,
    private readonly presence: PresenceRegistry,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly invitations: InvitationsService,
  ) {}

  async listUsers(q: string | undefined, cursor: string | undefined): Promise<Page<AdminUserView>> {
    const page = await this.users.adminList(q, cursor);
    const online = new Set(await this.presence.onlineAmong(page.items.map((user) => user.id)));
    return { ...page, items: page.items.map((user) => ({ ...user, online: online.has(user.id) })) };
  }

  /** Creates the account in every SIGNUP mode and mails the invitee a link to choose a password. */
  async invite(actorId: string, input: InviteUserDto): Promise<AdminUserView> {
    const username = input.username ?? (await this.users.freeUsernameFrom(input.email.split('@')[0]));
    let user = await this.users.create({
      username,
      email: input.email,
      passwordHash: await this.invitations.unknownPasswordHash(),
      displayName: input.displayName ?? username,
      roles: ['user'],
      origin: 'invite',
    });
    const roles: Role[] = input.roles?.includes('admin') ? ['user', 'admin'] : ['user'];
    if (roles.includes('admin')) {
      const changed = await this.users.changeAccess(user._id.toString(), { roles });
      if (changed === 'last_admin') throw new Error('granting admin never removes one');
      user = changed.after;
    }
    await this.invitations.send(user);
    await this.audit.record(actorId, 'user.invited', user._id.toString(), { roles });
    return this.view(user);
  }

  /** Admins can't drop their own admin role; the last active admin and the ADMIN_EMAIL account can't be demoted. */
  async setRoles(actorId: string, targetId: string, requested: Role[]): Promise<AdminUserView> {
    const target = await this.getUser(targetId);
    const roles: Role[] = requested.includes('admin') ? ['user', 'admin'] : ['user'];
    if (target.roles.includes('admin') && !roles.includes('admin')) {
      if (actorId === targetId) {
        throw new ConflictException({ message: 'You cannot remove your own admin role', code: 'own_admin_role' });
      }
      this.assertNotProtected(target, 'demoted');
    }
    const changed = await this.users.changeAccess(targetId, { roles });
    if (changed === 'last_admin') {
      throw new ConflictException({ message: 'The last administrator cannot be demoted', code: 'last_admin' });
    }
    this.tokens.forget(targetId);
    await this.audit.record(actorId, 'user.roles_changed', targetId, { from: changed.before.roles, to: roles });
    return this.view(changed.after);
  }

  /**
   * Ends every session and socket of the user at once; login and refresh are refused until unbanned. This is also
   * the deactivation an identity provider asks for over SCIM (actor null, `via: 'scim'` in the audit details).
   */
  async ban(actorId: string | null, targetId: string, details: AuditDetails = {}): Promise<AdminUserView> {
    const target = await this.getUser(targetId);
    if (actorId === targetId) throw new ConflictException({ message: 'You cannot ban yourself', code: 'ban_self' });
    this.assertNotProtected(target, 'banned');
    const changed = await this.users.changeAccess(targetId, { status: 'banned' });
    if (changed === 'last_admin') {
      throw new ConflictException({ message: 'The last administrator cannot be banned', code: 'last_admin' });
    }
    this.tokens.forget(targetId);
    await this.sessions.revokeAllOf(targetId, 'banned');
    this.realtime.endUser(targetId, 'banned');
    if (changed.before.status !== 'banned') await this.audit.record(actorId, 'user.banned', targetId, details);
    return this.view(changed.after);
  }

  async unban(actorId: string | null, targetId: string, details: AuditDetails = {}): Promise<AdminUserView> {
    const changed = await this.users.changeAccess(targetId, { status: 'active' });
    if (changed === 'last_admin') throw new Error('unbanning never removes an admin');
    this.tokens.forget(targetId);
    if (changed.before.status !== 'active') await this.audit.record(actorId, 'user.unbanned', targetId, details);
    return this.view(changed.after);
  }

  /** The ADMIN_EMAIL account is the operator's way in: other admins can't take it away. */
  private assertNotProtected(target: UserDocument, what: 'demoted' | 'banned'): void {
    if (target.email === this.config.get('app', { infer: true }).adminEmail) {
      throw new ForbiddenException({
        message: `The administrator set by ADMIN_EMAIL cannot be ${what}`,
        code: 'protected_admin',
      });
    }
  }

  private async getUser(id: string): Promise<UserDocument> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
    return user;
  }

  /** What an admin (or a service token with users:read) sees of an account, with whether it is online now. */
  async view(user: UserDocument): Promise<AdminUserView> {
    return { ...toAdminUserView(user), online: await this.presence.isOnline(user._id.toString()) };
  }
}
