import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';

import { AdminService } from '../../admin/admin.service';
import { AuditService } from '../../admin/audit.service';
import { InvitationsService } from '../../auth/invitations.service';
import type { AllConfig } from '../../config';
import { AccountErasureService } from '../../personal-data/account-erasure.service';
import { USERNAME_PATTERN } from '../../users/dto/user-fields';
import { type ProvisionedIdentity, ProvisionedUsersService } from '../../users/provisioned-users.service';
import type { UserDocument } from '../../users/schemas/user.schema';
import { UsersService } from '../../users/users.service';
import type { ScimListQueryDto } from './dto/scim-list-query.dto';
import type { ScimPatchOperationDto } from './dto/scim-patch.dto';
import type { ScimUserDto } from './dto/scim-user.dto';
import { scimError } from './scim-errors';
import { toDirectoryFilter } from './scim-filter';
import { IGNORED_ATTRIBUTES, KEPT_ATTRIBUTES, MAX_RESULTS, URN } from './scim-schemas';
import { type ScimUser, toScimUser } from './scim-user.mapper';
import { readScimUser, toIdentity } from './scim-user-input';

/** Audit details of everything done over SCIM (the actor is null: no signed-in person did it). */
const VIA_SCIM = { via: 'scim' } as const;
const IDENTITY_FIELDS = ['scimUserName', 'email', 'displayName', 'givenName', 'familyName', 'scimExternalId'] as const;

export interface ScimListResponse {
  schemas: [typeof URN.listResponse];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: ScimUser[];
}

/**
 * The identity provider's side of the accounts. Deactivation (`active: false`) is the admin ban: sessions and
 * sockets end at once, the last admin stays. Each change is audited with a null actor and `via: 'scim'`.
 */
@Injectable()
export class ScimUsersService {
  private readonly baseUrl: string;
  private readonly adminEmail: string | null;

  constructor(
    private readonly users: UsersService,
    private readonly directory: ProvisionedUsersService,
    private readonly admin: AdminService,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly erasure: AccountErasureService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.baseUrl = config.get('mail', { infer: true }).appUrl;
    this.adminEmail = config.get('app', { infer: true }).adminEmail;
  }

  /** RFC 7644 §3.4.2: startIndex is 1-based (less than 1 means 1), a negative count means 0. */
  async list(query: ScimListQueryDto): Promise<ScimListResponse> {
    const filter = toDirectoryFilter(query.filter);
    const startIndex = Math.max(1, query.startIndex ?? 1);
    const count = Math.min(MAX_RESULTS, Math.max(0, query.count ?? MAX_RESULTS));
    const { total, users } = await this.directory.page(filter, startIndex - 1, count);
    return {
      schemas: [URN.listResponse],
      totalResults: total,
      startIndex,
      itemsPerPage: users.length,
      Resources: users.map((user) => toScimUser(user, this.baseUrl)),
    };
  }

  async get(id: string): Promise<ScimUser> {
    return toScimUser(await this.find(id), this.baseUrl);
  }

  /**
   * A new account: origin 'scim', its e-mail verified (the identity provider vouches for it), a random password
   * nobody knows (people sign in by SSO, or set one through an admin's invitation or a reset link).
   */
  async create(body: unknown): Promise<ScimUser> {
    const input = readScimUser(body);
    const identity = toIdentity(input);
    await this.directory.assertAvailable(identity);
    const lower = identity.scimUserName.toLowerCase();
    const user = await this.users.create({
      ...withoutUnset(identity),
      scimUserNameLower: lower,
      username: await this.users.freeUsernameFrom(USERNAME_PATTERN.test(lower) ? lower : lower.split('@')[0]),
      passwordHash: await this.invitations.unknownPasswordHash(),
      roles: ['user'],
      origin: 'scim',
      emailVerified: true,
      status: input.active === false ? 'banned' : 'active',
    });
    await this.audit.record(null, 'user.provisioned', user._id.toString(), {
      ...VIA_SCIM,
      active: input.active ?? true,
    });
    return toScimUser(user, this.baseUrl);
  }

  /** PUT: the resource as given replaces the kept attributes; `active` left out keeps the account as it is. */
  async replace(id: string, body: unknown): Promise<ScimUser> {
    const input = readScimUser(body);
    return this.apply(await this.find(id), input);
  }

  /** PATCH: the operations are applied to the resource as it is now, and the result is checked like a PUT. */
  async patch(id: string, operations: ScimPatchOperationDto[]): Promise<ScimUser> {
    for (const operation of operations) assertKnownPath(operation.path);
    const user = await this.find(id);
    let patched: unknown;
    try {
      // The library types meta's dates as Date; it does not touch them.
      const resource = toScimUser(user, this.baseUrl) as unknown as ScimResource;
      patched = scimPatch(resource, operations as ScimPatchOperation[], { mutateDocument: false });
    } catch (error) {
      const { message, scimType } = error as { message?: string; scimType?: string };
      throw scimError(400, scimType === 'noTarget' ? 'noTarget' : 'invalidValue', message ?? 'Invalid PATCH');
    }
    return this.apply(user, readScimUser(patched));
  }

  /**
   * DELETE: the account is erased (personal data gone, messages kept from "Deleted user"); afterwards it is 404.
   * Not the last admin (409), nor the ADMIN_EMAIL account, the operator's way in (403).
   */
  async remove(id: string): Promise<void> {
    const user = await this.find(id);
    if (this.adminEmail && user.email === this.adminEmail) {
      throw scimError(403, null, 'The administrator set by ADMIN_EMAIL cannot be erased');
    }
    await this.erasure.erase(id, { actorId: null, via: 'scim' });
  }

  private async apply(user: UserDocument, input: ScimUserDto): Promise<ScimUser> {
    const id = user._id.toString();
    const identity = toIdentity(input);
    await this.directory.assertAvailable(identity, id);
    const active = input.active ?? user.status === 'active';
    if (active !== (user.status === 'active')) {
      if (active) await this.admin.unban(null, id, VIA_SCIM);
      else await this.admin.ban(null, id, VIA_SCIM);
    }
    const current: Partial<ProvisionedIdentity> = {
      ...user.toObject(),
      scimUserName: user.scimUserName ?? user.username,
    };
    const changed = IDENTITY_FIELDS.filter((field) => current[field] !== identity[field]);
    if (changed.length > 0) {
      await this.directory.setIdentity(id, identity);
      await this.audit.record(null, 'user.updated', id, { ...VIA_SCIM, changed });
    }
    return toScimUser(await this.find(id), this.baseUrl);
  }

  private async find(id: string): Promise<UserDocument> {
    const user = await this.directory.findLiving(id);
    if (!user) throw scimError(404, null, `No User with id "${id.slice(0, 100)}"`);
    return user;
  }
}

/** A PATCH path names an attribute this service keeps or knows to ignore; anything else is 400 invalidPath. */
function assertKnownPath(path: string | undefined): void {
  if (path === undefined) return;
  const lower = path.toLowerCase();
  if (lower.startsWith(URN.enterpriseUser.toLowerCase())) return;
  const prefix = `${URN.user.toLowerCase()}:`;
  const attribute = (lower.startsWith(prefix) ? lower.slice(prefix.length) : lower).split(/[.[]/)[0];
  if (!KEPT_ATTRIBUTES.has(attribute) && !IGNORED_ATTRIBUTES.has(attribute)) {
    throw scimError(400, 'invalidPath', `Unknown attribute path "${path.slice(0, 100)}"`);
  }
}

function withoutUnset(identity: ProvisionedIdentity): ProvisionedIdentity {
  return Object.fromEntries(
    Object.entries(identity).filter(([, value]) => value !== undefined),
  ) as unknown as ProvisionedIdentity;
}
