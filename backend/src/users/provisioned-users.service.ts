import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, Model, trusted, Types } from 'mongoose';

import { userEvent } from '../events/domain-event';
import { DomainEvents } from '../events/domain-events';
import { displayNameFields } from './name-keys';
import { User, type UserDocument } from './schemas/user.schema';
import { toAdminUserView } from './user.mapper';
import { UserChanges } from './user-changes';

/** Conditions an identity provider looks accounts up by (all of the given ones must hold); plain strings only. */
export interface DirectoryFilter {
  /** SCIM userName, compared case-insensitively. */
  userName?: string;
  email?: string;
  /** SCIM externalId, compared exactly. */
  scimExternalId?: string;
}

/** What an identity provider keeps up to date about a person. Absent optional fields are cleared. */
export interface ProvisionedIdentity {
  scimUserName: string;
  email: string;
  displayName: string;
  givenName?: string;
  familyName?: string;
  scimExternalId?: string;
}

/** Statuses of accounts that exist for the directory; anything else (an erased account) is gone. */
const LIVING = ['active', 'banned'];
const OPTIONAL_FIELDS = ['givenName', 'familyName', 'scimExternalId'] as const;

/**
 * The accounts as an identity provider sees them (SCIM): every living account, with a SCIM userName that is the
 * provisioned `scimUserName` or else the username.
 */
@Injectable()
export class ProvisionedUsersService {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    private readonly events: DomainEvents,
    private readonly changes: UserChanges,
  ) {}

  async page(filter: DirectoryFilter, skip: number, limit: number): Promise<{ total: number; users: UserDocument[] }> {
    const query = this.query(filter);
    const [total, users] = await Promise.all([
      this.users.countDocuments(query).exec(),
      limit > 0 ? this.users.find(query).sort({ _id: 1 }).skip(skip).limit(limit).exec() : Promise.resolve([]),
    ]);
    return { total, users };
  }

  findLiving(id: string): Promise<UserDocument | null> {
    if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id.toLowerCase())
      return Promise.resolve(null);
    return this.users.findOne({ _id: new Types.ObjectId(id), status: trusted({ $in: LIVING }) }).exec();
  }

  /** 409 when another account already has this SCIM userName or e-mail address. */
  async assertAvailable(identity: Pick<ProvisionedIdentity, 'scimUserName' | 'email'>, exceptId?: string) {
    const others = exceptId ? { _id: trusted({ $ne: new Types.ObjectId(exceptId) }) } : {};
    const [userNameUsed, emailUsed] = await Promise.all([
      this.users.exists({ ...others, ...this.userNameQuery(identity.scimUserName) }),
      this.users.exists({ ...others, email: identity.email.toLowerCase() }),
    ]);
    if (userNameUsed) throw taken('userName', 'scim_username_taken');
    if (emailUsed) throw taken('email', 'email_taken');
  }

  /** Replaces the identity fields; a new e-mail address counts as verified (the identity provider vouches for it). */
  async setIdentity(id: string, identity: ProvisionedIdentity): Promise<UserDocument | null> {
    const unset = Object.fromEntries(
      OPTIONAL_FIELDS.filter((field) => identity[field] === undefined).map((f) => [f, 1]),
    );
    const set = {
      ...Object.fromEntries(Object.entries(identity).filter(([, value]) => value !== undefined)),
      scimUserNameLower: identity.scimUserName.toLowerCase(),
      email: identity.email.toLowerCase(),
      emailVerified: true,
      ...displayNameFields(identity.displayName),
    };
    let updated: UserDocument | null;
    try {
      updated = await this.users
        .findOneAndUpdate(
          { _id: new Types.ObjectId(id), status: trusted({ $in: LIVING }) },
          { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
          { new: true },
        )
        .exec();
    } catch (error) {
      throw duplicateToConflict(error);
    }
    if (updated) {
      this.events.emit(userEvent('user.updated', toAdminUserView(updated)));
      this.changes.announce(id);
    }
    return updated;
  }

  private query(filter: DirectoryFilter): FilterQuery<User> {
    return {
      status: trusted({ $in: LIVING }),
      ...(filter.email !== undefined ? { email: filter.email.toLowerCase() } : {}),
      ...(filter.scimExternalId !== undefined ? { scimExternalId: filter.scimExternalId } : {}),
      ...(filter.userName !== undefined ? this.userNameQuery(filter.userName) : {}),
    };
  }

  /**
   * An account the identity provider has not named yet answers to its username and to its e-mail address: IdPs
   * match people by UPN or address, and an install that existed before SCIM must be adoptable, not duplicated.
   */
  private userNameQuery(userName: string): FilterQuery<User> {
    const key = userName.trim().toLowerCase();
    const unnamed = trusted({ $exists: false });
    return {
      $or: [
        { scimUserNameLower: key },
        { username: key, scimUserNameLower: unnamed },
        { email: key, scimUserNameLower: unnamed },
      ],
    };
  }
}

function taken(attribute: 'userName' | 'email', code: string) {
  return new ConflictException({ message: `Another account already has this ${attribute}`, code });
}

/** Two writes racing past the pre-check still collide on a unique index. */
function duplicateToConflict(error: unknown): unknown {
  const mongoError = error as { code?: number; keyPattern?: Record<string, unknown> };
  if (mongoError?.code !== 11000) return error;
  return mongoError.keyPattern && 'email' in mongoError.keyPattern
    ? taken('email', 'email_taken')
    : taken('userName', 'scim_username_taken');
}
