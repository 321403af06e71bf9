import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AccessTokensService } from '../auth/access-tokens.service';
import { SessionsService } from '../auth/sessions.service';
import type { AdminUserView, Page, Role } from '../contracts/users';
import { PresenceRegistry } from '../presence/presence.registry';
import { RealtimeService } from '../realtime/realtime.service';
import type { UserDocument } from '../users/schemas/user.schema';
import { toAdminUserView } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { AuditService } from './audit.service';

@Injectable()
export class AdminService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: AccessTokensService,
    private readonly realtime: RealtimeService,
    private readonly presence: PresenceRegistry,
    private readonly audit: AuditService,
  ) {}

  async listUsers(q: string | undefined, cursor: string | undefined): Promise<Page<AdminUserView>> {
    const page = await this.users.adminList(q, cursor);
    const online = new Set(await this.presence.onlineAmong(page.items.map((user) => user.id)));
    return { ...page, items: page.items.map((user) => ({ ...user, online: online.has(user.id) })) };
  }

  /** Admins can't drop their own admin role, and the last admin can't be demoted. */
  async setRoles(actorId: string, targetId: string, requested: Role[]): Promise<AdminUserView> {
    const target = await this.getUser(targetId);
    const roles: Role[] = requested.includes('admin') ? ['user', 'admin'] : ['user'];
    const demoting = target.roles.includes('admin') && !roles.includes('admin');
    if (demoting && actorId === targetId) {
      throw new ConflictException({ message: 'You cannot remove your own admin role', code: 'own_admin_role' });
    }
    if (demoting && target.status === 'active' && (await this.users.countActiveAdmins()) <= 1) {
      throw new ConflictException({ message: 'The last administrator cannot be demoted', code: 'last_admin' });
    }
    const updated = (await this.users.setRoles(targetId, roles))!;
    this.tokens.forget(targetId);
    await this.audit.record(actorId, 'user.roles_changed', targetId, { from: target.roles, to: roles });
    return this.view(updated);
  }

  /** Ends every session and socket of the user at once; login and refresh are refused until unbanned. */
  async ban(actorId: string, targetId: string): Promise<AdminUserView> {
    const target = await this.getUser(targetId);
    if (actorId === targetId) throw new ConflictException({ message: 'You cannot ban yourself', code: 'ban_self' });
    if (target.roles.includes('admin') && target.status === 'active' && (await this.users.countActiveAdmins()) <= 1) {
      throw new ConflictException({ message: 'The last administrator cannot be banned', code: 'last_admin' });
    }
    const updated = (await this.users.setStatus(targetId, 'banned'))!;
    this.tokens.forget(targetId);
    await this.sessions.revokeAllOf(targetId, 'banned');
    this.realtime.endUser(targetId, 'banned');
    if (target.status !== 'banned') await this.audit.record(actorId, 'user.banned', targetId);
    return this.view(updated);
  }

  async unban(actorId: string, targetId: string): Promise<AdminUserView> {
    const target = await this.getUser(targetId);
    const updated = (await this.users.setStatus(targetId, 'active'))!;
    this.tokens.forget(targetId);
    if (target.status !== 'active') await this.audit.record(actorId, 'user.unbanned', targetId);
    return this.view(updated);
  }

  private async getUser(id: string): Promise<UserDocument> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
    return user;
  }

  private async view(user: UserDocument): Promise<AdminUserView> {
    return { ...toAdminUserView(user), online: await this.presence.isOnline(user._id.toString()) };
  }
}
