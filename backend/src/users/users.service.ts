import { randomBytes } from 'node:crypto';

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { decodeCursor, encodeCursor } from '../common/cursor';
import type { AdminUserView, CurrentUserView, Page, PublicUser, Role } from '../contracts/users';
import { userDeletedEvent, userEvent } from '../events/domain-event';
import { DomainEvents } from '../events/domain-events';
import { ACTIVE_ADMIN, ActiveAdminsService } from './active-admins.service';
import type { UpdateMeDto } from './dto/update-me.dto';
import { USERNAME_PATTERN } from './dto/user-fields';
import { displayNameFields, foldForSearch } from './name-keys';
import { User, type UserDocument, type UserOrigin, type UserStatus } from './schemas/user.schema';
import { toAdminUserView, toCurrentUserView, toPublicUser } from './user.mapper';
import { UserChanges } from './user-changes';
import { type UserRef, userRefFilter } from './user-ref';

export interface AccessChange {
  roles?: Role[];
  status?: UserStatus;
}

export interface AccessChanged {
  before: UserDocument;
  after: UserDocument;
}

export interface NewUser extends Partial<
  Pick<
    User,
    | 'origin'
    | 'emailVerified'
    | 'status'
    | 'scimUserName'
    | 'scimUserNameLower'
    | 'scimExternalId'
    | 'givenName'
    | 'familyName'
  >
> {
  username: string;
  email: string;
  passwordHash: string;
  displayName: string;
  roles: Role[];
  origin?: UserOrigin;
  /** The OIDC subject, for accounts single sign-on creates. */
  externalId?: string;
  emailVerified?: boolean;
}

/** What a later single sign-on updates: the name always, the address when the IdP vouches for it. */
export interface IdentityUpdate {
  displayName: string;
  verifiedEmail: string | null;
}

const PAGE_SIZE = 20;
export const ERASED_DISPLAY_NAME = 'Deleted user';

@Injectable()
export class UsersService {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    private readonly admins: ActiveAdminsService,
    private readonly events: DomainEvents,
    private readonly changes: UserChanges,
  ) {}

  async create(input: NewUser): Promise<UserDocument> {
    await this.assertAvailable(input.username, input.email);
    const insert = () => this.users.create({ ...input, ...displayNameFields(input.displayName) });
    let user: UserDocument;
    try {
      user = (await (input.roles.includes('admin') ? this.admins.adding(insert) : insert()))!;
    } catch (error) {
      throw duplicateKeyToConflict(error);
    }
    this.events.emit(userEvent('user.created', toAdminUserView(user)));
    return user;
  }

  /** Login accepts a username or an email. */
  findByLogin(login: string): Promise<UserDocument | null> {
    const key = login.trim().toLowerCase();
    return this.users.findOne(key.includes('@') ? { email: key } : { username: key }).exec();
  }

  /** The account a portal's reference names, whatever its status; null when none (or a malformed id). */
  findByRef(ref: UserRef): Promise<UserDocument | null> {
    if ('userId' in ref && !Types.ObjectId.isValid(ref.userId)) return Promise.resolve(null);
    return this.users.findOne(userRefFilter(ref)).exec();
  }

  findByExternalId(externalId: string): Promise<UserDocument | null> {
    return this.users.findOne({ externalId }).exec();
  }

  /** Links the account to an IdP subject unless it already has one; null when it had (or the id is unknown). */
  linkExternalId(id: string, externalId: string): Promise<UserDocument | null> {
    return this.users
      .findOneAndUpdate({ _id: id, externalId: trusted({ $exists: false }) }, { $set: { externalId } }, { new: true })
      .exec();
  }

  /**
   * Takes the name, and the address when verified, from the IdP. An address another account already uses stays
   * as it was (the unique index decides, so two sign-ins at once cannot both take it).
   */
  async updateIdentity(user: UserDocument, update: IdentityUpdate): Promise<UserDocument> {
    const name = displayNameFields(update.displayName);
    const email = update.verifiedEmail && update.verifiedEmail !== user.email ? update.verifiedEmail : null;
    if (user.displayName === update.displayName && !email) return user;
    const save = async (set: Record<string, unknown>) => {
      const updated = await this.users.findByIdAndUpdate(user._id, { $set: set }, { new: true }).exec();
      if (updated) this.announceUpdate(updated);
      return updated ?? user;
    };
    try {
      return await save(email ? { ...name, email, emailVerified: true } : name);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return await save(name);
    }
  }

  /** `user.updated` for webhooks (name, address, username, bio, avatar, roles or status), and `user:updated` live. */
  announceUpdate(user: UserDocument): void {
    this.events.emit(userEvent('user.updated', toAdminUserView(user)));
    this.changes.announce(user._id.toString());
  }

  findById(id: string): Promise<UserDocument | null> {
    return Types.ObjectId.isValid(id) ? this.users.findById(id).exec() : Promise.resolve(null);
  }

  findManyByIds(ids: string[]): Promise<UserDocument[]> {
    return this.users.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).exec();
  }

  async getById(id: string): Promise<UserDocument> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
    return user;
  }

  async getMe(id: string): Promise<CurrentUserView> {
    return toCurrentUserView(await this.getById(id));
  }

  async getPublicProfile(id: string): Promise<PublicUser> {
    const user = await this.findById(id);
    if (!user || user.status !== 'active')
      throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
    return toPublicUser(user);
  }

  async updateMe(id: string, changes: UpdateMeDto): Promise<CurrentUserView> {
    const update: Record<string, unknown> = {};
    if (changes.displayName !== undefined) {
      Object.assign(update, displayNameFields(changes.displayName));
    }
    if (changes.bio !== undefined) update.bio = changes.bio;
    if (changes.username !== undefined) update.username = changes.username;
    for (const [key, value] of Object.entries(changes.settings ?? {})) {
      if (value === undefined) continue;
      update[`settings.${key}`] = key === 'doNotDisturbUntil' && value !== null ? new Date(value as string) : value;
    }
    if (changes.username !== undefined) {
      const taken = await this.users.exists({
        username: changes.username,
        _id: trusted({ $ne: new Types.ObjectId(id) }),
      });
      if (taken) throw usernameTaken();
    }
    try {
      // Only while active: an edit racing with the account's erasure must not bring personal data back.
      const user = await this.users
        .findOneAndUpdate({ _id: id, status: 'active' }, { $set: update }, { new: true })
        .exec();
      if (!user) throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
      if (changes.displayName !== undefined || changes.bio !== undefined || changes.username !== undefined) {
        this.announceUpdate(user);
      } else if (changes.settings) {
        this.changes.announce(id);
      }
      return toCurrentUserView(user);
    } catch (error) {
      throw duplicateKeyToConflict(error);
    }
  }

  /**
   * People by the start of their username (a leading `@` is allowed) or of any word of their display name, accents
   * and case ignored; excluding the caller, banned users and service accounts. On a real MongoDB the `$or` is served
   * by two index scans: {username: 1} and the multikey {nameKeys: 1}, both with an anchored regex.
   */
  async search(q: string, cursor: string | undefined, callerId: string): Promise<Page<PublicUser>> {
    const filter = {
      _id: trusted({ $ne: new Types.ObjectId(callerId) }),
      status: 'active',
      origin: trusted({ $ne: 'service' }),
    };
    return this.pageByUsername(filter, q, cursor, toPublicUser);
  }

  /** Every account but erased ones (nothing of those people is left to manage), optionally filtered by prefix. */
  adminList(q: string | undefined, cursor: string | undefined): Promise<Page<AdminUserView>> {
    return this.pageByUsername({ status: trusted({ $ne: 'erased' }) }, q, cursor, toAdminUserView);
  }

  private async pageByUsername<T extends { username: string }>(
    filter: Record<string, unknown>,
    q: string | undefined,
    cursor: string | undefined,
    view: (user: UserDocument) => T,
  ): Promise<Page<T>> {
    const folded = q === undefined ? undefined : foldForSearch(q.trim().replace(/^@/, ''));
    if (folded === '') return { items: [], nextCursor: null };
    const prefix = folded ? new RegExp(`^${escapeRegExp(folded)}`) : null;
    const after = cursor ? decodeCursor(cursor, (key) => USERNAME_PATTERN.test(key)) : null;
    const found = await this.users
      .find({
        ...filter,
        ...(prefix ? { $or: [{ username: prefix }, { nameKeys: prefix }] } : {}),
        ...(after ? { username: trusted({ $gt: after }) } : {}),
      })
      .sort({ username: 1 })
      .limit(PAGE_SIZE + 1)
      .exec();
    const items = found.slice(0, PAGE_SIZE).map(view);
    const nextCursor = found.length > PAGE_SIZE ? encodeCursor(items[items.length - 1].username) : null;
    return { items, nextCursor };
  }

  /**
   * The account whose email is ADMIN_EMAIL is an active admin, whenever it signs up or the server starts: the
   * operator's way back in.
   */
  async grantAdminTo(email: string): Promise<void> {
    const user = await this.findByEmail(email);
    if (user) await this.changeAccess(user._id.toString(), { roles: ['user', 'admin'], status: 'active' });
  }

  /**
   * Whether the account was erased, read fresh (never cached). Writes that may race with an erasure (a login, a
   * friend request, a send) check it after they land: the erasure marks the account first and cleans up after,
   * so either its clean-up sees the write or the write sees the mark.
   */
  async isErased(id: string): Promise<boolean> {
    return Boolean(await this.users.exists({ _id: id, status: 'erased' }));
  }

  /** Roles and status as stored now (the JWT's copy may be minutes old), and whether it is a service account. */
  async getAccessState(id: string): Promise<{ roles: Role[]; status: UserStatus; service: boolean } | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const user = await this.users.findById(id, { roles: 1, status: 1, origin: 1 }).lean().exec();
    return user ? { roles: user.roles, status: user.status, service: user.origin === 'service' } : null;
  }

  /**
   * Sets roles and/or status; 'last_admin' when that would leave the install without an active admin. The user
   * is updated only if roles and status are still the ones read (compare and set, read again otherwise), so the
   * active-admin count follows each change exactly once, however many run at the same moment.
   */
  async changeAccess(id: string, change: AccessChange): Promise<AccessChanged | 'last_admin'> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const before = await this.getById(id);
      // An erased account stays erased: nothing may bring it back.
      if (before.status === 'erased')
        throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
      const next = { roles: change.roles ?? [...before.roles], status: change.status ?? before.status };
      const write = () =>
        this.users
          .findOneAndUpdate(
            { _id: before._id, roles: [...before.roles], status: before.status },
            { $set: next },
            { new: true },
          )
          .exec();
      const [was, will] = [isActiveAdmin(before), isActiveAdmin(next)];
      const after =
        was && !will
          ? await this.admins.removing(write)
          : !was && will
            ? await this.admins.adding(write)
            : await write();
      if (after === 'last_admin') return after;
      if (after) {
        this.announceAccessChange(before, after);
        return { before, after };
      }
    }
    throw new ConflictException({ message: 'This account is being changed by someone else, try again', code: 'busy' });
  }

  private announceAccessChange(before: UserDocument, after: UserDocument): void {
    if (after.status === 'erased') {
      const { externalId } = before;
      this.events.emit(userDeletedEvent({ id: after._id.toString(), ...(externalId ? { externalId } : {}) }));
    } else if (after.status === 'banned' && before.status !== 'banned') {
      this.events.emit(userEvent('user.deactivated', toAdminUserView(after)));
    } else if (after.status !== before.status || after.roles.join() !== before.roles.join()) {
      this.announceUpdate(after);
    }
  }

  /** A username nobody has yet, made from `base` (say an e-mail's local part): its allowed characters, numbered if taken. */
  async freeUsernameFrom(base: string): Promise<string> {
    const stem = base
      .toLowerCase()
      .replace(/[^a-z0-9_.]/g, '')
      .slice(0, 26)
      .padEnd(3, '0');
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? stem : `${stem}${n}`;
      if (!(await this.users.exists({ username: candidate }))) return candidate;
    }
  }

  /** Who is told of operational trouble (a paused webhook). */
  activeAdmins(): Promise<Pick<User, 'email' | 'displayName'>[]> {
    return this.users.find(ACTIVE_ADMIN, { email: 1, displayName: 1 }).lean().exec();
  }

  /** People's accounts that exist (erased ones and service accounts don't count). */
  countAll(): Promise<number> {
    return this.users
      .countDocuments({ status: trusted({ $ne: 'erased' }), origin: trusted({ $ne: 'service' }) })
      .exec();
  }

  /**
   * The service account named `username`, created on first use with `displayName`. It can never sign in: its
   * password hash matches no password and its address is in the reserved .invalid domain. 409 `username_taken`
   * when a person has that username.
   */
  async serviceAccount(username: string, displayName: string): Promise<UserDocument> {
    const existing = await this.users.findOne({ username }).exec();
    if (existing?.origin === 'service' && existing.status !== 'erased') return existing;
    if (existing) throw usernameTaken();
    try {
      return await this.create({
        username,
        email: `${username}@service.invalid`,
        passwordHash: '!',
        displayName,
        roles: ['user'],
        origin: 'service',
      });
    } catch (error) {
      // Two tokens for a new account at once: the other request created it.
      const created = await this.users.findOne({ username, origin: 'service' }).exec();
      if (created) return created;
      throw error;
    }
  }

  findByEmail(email: string): Promise<UserDocument | null> {
    return this.users.findOne({ email: email.trim().toLowerCase() }).exec();
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { passwordHash } }).exec();
  }

  /** Marks the address verified if it is still the account's address; false when it was already verified. */
  async markEmailVerified(id: string, email: string): Promise<boolean> {
    const result = await this.users
      .updateOne({ _id: id, email, emailVerified: trusted({ $ne: true }) }, { $set: { emailVerified: true } })
      .exec();
    if (result.modifiedCount !== 1) return false;
    this.changes.announce(id);
    return true;
  }

  async isEmailVerified(id: string): Promise<boolean> {
    const user = await this.users.findById(id, { emailVerified: 1 }).lean().exec();
    return Boolean(user?.emailVerified);
  }

  /**
   * Sets (or clears) the avatar and returns the media id it replaced, for deletion; 'gone' when the account was
   * erased meanwhile (the caller deletes the new upload then).
   */
  async setAvatar(id: string, mediaId: Types.ObjectId | null): Promise<Types.ObjectId | null | 'gone'> {
    const before = await this.users
      .findOneAndUpdate({ _id: id, status: trusted({ $ne: 'erased' }) }, { $set: { avatar: mediaId } })
      .exec();
    if (!before) return 'gone';
    const replaced = before.avatar;
    this.announceUpdate(Object.assign(before, { avatar: mediaId }));
    return replaced;
  }

  async setLastSeen(id: string, at: Date): Promise<void> {
    await this.users.updateOne({ _id: id, status: trusted({ $ne: 'erased' }) }, { $set: { lastSeenAt: at } }).exec();
  }

  /**
   * Replaces everything personal of an erased account with placeholders nobody can sign up with or sign in as
   * (usernames never contain "-", ".invalid" is a reserved domain) and drops its identity-provider links, so the
   * unique indexes stay free for the person's new accounts. Idempotent.
   */
  async replacePersonalFields(id: string): Promise<void> {
    try {
      await this.writePlaceholders(id, `deleted-${id}`);
    } catch (error) {
      // Someone registered the placeholder address on purpose to block this: make it unguessable.
      if ((error as { code?: number }).code !== 11000) throw error;
      await this.writePlaceholders(id, `deleted-${id}-${randomBytes(8).toString('hex')}`);
    }
  }

  private async writePlaceholders(id: string, placeholder: string): Promise<void> {
    await this.users
      .updateOne(
        { _id: id, status: 'erased' },
        {
          $set: {
            username: placeholder,
            email: `${placeholder}@erased.invalid`,
            emailVerified: false,
            passwordHash: '!',
            ...displayNameFields(ERASED_DISPLAY_NAME),
            bio: '',
            avatar: null,
            settings: {},
            lastSeenAt: null,
          },
          $unset: {
            externalId: 1,
            scimExternalId: 1,
            scimUserName: 1,
            scimUserNameLower: 1,
            givenName: 1,
            familyName: 1,
          },
        },
        // externalId and scimExternalId belong to the identity features' schema; unset them whether declared or not.
        { strict: false },
      )
      .exec();
  }

  private async assertAvailable(username: string, email: string): Promise<void> {
    const [usernameUsed, emailUsed] = await Promise.all([
      this.users.exists({ username }),
      this.users.exists({ email }),
    ]);
    if (usernameUsed) throw usernameTaken();
    if (emailUsed) throw emailTaken();
  }
}

function usernameTaken() {
  return new ConflictException({
    message: 'This username is already taken',
    code: 'username_taken',
    errors: { username: ['This username is already taken'] },
  });
}

function emailTaken() {
  return new ConflictException({
    message: 'An account with this email already exists',
    code: 'email_taken',
    errors: { email: ['An account with this email already exists'] },
  });
}

/** Two signups racing past the pre-check still collide on the unique index. */
function duplicateKeyToConflict(error: unknown): unknown {
  const mongoError = error as { code?: number; keyPattern?: Record<string, unknown> };
  if (mongoError?.code !== 11000) return error;
  return mongoError.keyPattern && 'email' in mongoError.keyPattern ? emailTaken() : usernameTaken();
}

function isActiveAdmin(user: { roles: Role[]; status: UserStatus }): boolean {
  return user.roles.includes(ACTIVE_ADMIN.roles) && user.status === ACTIVE_ADMIN.status;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
