import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { AuditService } from '../../admin/audit.service';
import type { AllConfig } from '../../config';
import type { Role } from '../../contracts/users';
import { isOperator, rolesOfNewAccount } from '../../users/operator';
import type { UserDocument } from '../../users/schemas/user.schema';
import { UsersService } from '../../users/users.service';
import { AccessTokensService } from '../access-tokens.service';
import { InvitationsService } from '../invitations.service';
import { type Claims, displayNameOf, rolesAt, usernameBaseOf, verifiedEmailOf } from './claims';
import { SsoError } from './oidc-client.service';

/** Accounts the organisation made for a person: the first SSO sign-in with the same verified address is theirs. */
const LINKED_ON_FIRST_SIGN_IN = new Set(['invite', 'scim']);

/**
 * Who a single sign-on is: the account linked to the IdP subject, an account the organisation created for that
 * address, or a new one (just-in-time provisioning). Also keeps the admin role in step with the IdP's roles.
 */
@Injectable()
export class SsoAccountsService {
  private readonly logger = new Logger(SsoAccountsService.name);

  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly tokens: AccessTokensService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** The account to sign in, created or updated from the claims. Throws SsoError when it may not sign in. */
  async signIn(claims: Claims): Promise<UserDocument> {
    const email = verifiedEmailOf(claims);
    let user = await this.users.findByExternalId(claims.sub);
    if (user) {
      assertMaySignIn(user);
      user = await this.users.updateIdentity(user, {
        displayName: displayNameOf(claims, user.displayName),
        verifiedEmail: await this.emailToTake(user, email),
      });
    } else {
      if (!email) {
        throw new SsoError(
          'sso_email_unverified',
          'Your identity provider did not confirm an e-mail address for you, so no account can be made for it',
        );
      }
      user = (await this.linkOrganisationAccount(claims, email)) ?? (await this.provision(claims, email));
    }
    return this.syncAdminRole(user, claims);
  }

  /**
   * The signed-in owner of `userId` proved they are `claims.sub` at the IdP: link the two, but only when the IdP
   * verified the account's own address, so nobody binds another person's identity to their account.
   */
  async link(userId: string, claims: Claims): Promise<UserDocument> {
    const holder = await this.users.findByExternalId(claims.sub);
    if (holder && holder._id.toString() !== userId) {
      throw new SsoError('sso_identity_in_use', 'This single sign-on identity already belongs to another account');
    }
    const owner = holder ?? (await this.users.getById(userId));
    if (verifiedEmailOf(claims) !== owner.email) {
      throw new SsoError('sso_link_email_mismatch', 'The identity provider verified another address than this account');
    }
    const user = holder ?? (await this.users.linkExternalId(userId, claims.sub));
    if (!user) {
      throw new SsoError('sso_already_linked', 'Your account is already linked to another single sign-on identity');
    }
    assertMaySignIn(user);
    return this.syncAdminRole(user, claims);
  }

  /**
   * Grants or takes away 'admin' as the IdP's roles say (OIDC_ROLES_CLAIM, OIDC_ADMIN_ROLE), at every sign-in and
   * refresh. The ADMIN_EMAIL account is made and stays an admin; the last active admin keeps the role; each change
   * is audited.
   */
  async syncAdminRole(user: UserDocument, claims: Claims): Promise<UserDocument> {
    const { rolesClaim, adminRole } = this.config.get('oidc', { infer: true });
    const operator = isOperator(user.email, this.adminEmail);
    const admin = operator || (!!rolesClaim && !!adminRole && rolesAt(claims, rolesClaim).includes(adminRole));
    if (user.roles.includes('admin') === admin) return user;
    if (!admin && (!rolesClaim || !adminRole)) return user;
    const roles: Role[] = admin ? ['user', 'admin'] : ['user'];
    const changed = await this.users.changeAccess(user._id.toString(), { roles });
    if (changed === 'last_admin') {
      this.logger.warn(`The IdP no longer lists ${user.username} as admin, but they are the last active admin`);
      return user;
    }
    const id = user._id.toString();
    this.tokens.forget(id);
    // The person's own sign-in carried the change; `via` tells it apart from an admin's.
    await this.audit.record(id, 'user.roles_changed', id, { from: changed.before.roles, to: roles, via: 'sso' });
    return changed.after;
  }

  /**
   * The IdP's verified address for a linked account, or null to keep the local one: never another account's
   * address, and never onto or away from ADMIN_EMAIL, the operator's way in.
   */
  private async emailToTake(user: UserDocument, email: string | null): Promise<string | null> {
    if (!email || email === user.email) return null;
    if (isOperator(email, this.adminEmail) || isOperator(user.email, this.adminEmail)) {
      this.logger.warn(`Kept ${user.username}'s address: the IdP's ${email} would change the ADMIN_EMAIL account`);
      return null;
    }
    const taken = await this.users.findByEmail(email);
    if (taken && !taken._id.equals(user._id)) {
      this.logger.warn(`Kept ${user.username}'s address: the IdP's ${email} belongs to another account`);
      return null;
    }
    return email;
  }

  private get adminEmail(): string | null {
    return this.config.get('app', { infer: true }).adminEmail;
  }

  private async linkOrganisationAccount(claims: Claims, email: string): Promise<UserDocument | null> {
    const existing = await this.users.findByEmail(email);
    if (!existing) return null;
    if (!LINKED_ON_FIRST_SIGN_IN.has(existing.origin) || existing.externalId) {
      throw new SsoError(
        'account_exists_link_required',
        `An account with ${email} already exists. Sign in with your password and link single sign-on from your profile.`,
      );
    }
    assertMaySignIn(existing);
    const linked = await this.users.linkExternalId(existing._id.toString(), claims.sub);
    if (!linked) throw new SsoError('account_exists_link_required', 'This account was just linked to someone else');
    return this.users.updateIdentity(linked, {
      displayName: displayNameOf(claims, linked.displayName),
      verifiedEmail: email,
    });
  }

  private async provision(claims: Claims, email: string): Promise<UserDocument> {
    const username = await this.users.freeUsernameFrom(usernameBaseOf(claims, email));
    try {
      return await this.users.create({
        username,
        email,
        emailVerified: true,
        passwordHash: await this.invitations.unknownPasswordHash(),
        displayName: displayNameOf(claims, username),
        roles: rolesOfNewAccount(email, this.adminEmail),
        origin: 'sso',
        externalId: claims.sub,
      });
    } catch (error) {
      // The same person's first sign-in in two tabs at once: the other one created the account.
      const created = await this.users.findByExternalId(claims.sub);
      if (created && error instanceof ConflictException) return created;
      throw error;
    }
  }
}

function assertMaySignIn(user: UserDocument): void {
  if (user.status === 'banned') {
    throw new SsoError('account_banned', 'This account has been suspended by an administrator');
  }
  if (user.status !== 'active') throw new SsoError('account_unavailable', 'This account no longer exists');
}
