import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { AuditService } from '../admin/audit.service';
import type { CreatedServiceToken, ServiceScope, ServiceTokenView } from '../contracts/service-tokens';
import type { Page } from '../contracts/users';
import type { UserDocument } from '../users/schemas/user.schema';
import { toPublicUser } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import type { CreateServiceTokenDto } from './dto/create-service-token.dto';
import { ServiceToken, type ServiceTokenDocument } from './schemas/service-token.schema';
import { hashTokenSecret, looksLikeTokenSecret, newTokenSecret, visiblePrefixOf } from './token-secret';

const PAGE_SIZE = 50;
/** lastUsedAt is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Who a valid service token is: the token and the service account it acts as. */
export interface ServiceCaller {
  tokenId: string;
  name: string;
  scopes: ServiceScope[];
  accountId: string;
}

const notFound = () => new NotFoundException({ message: 'Service token not found', code: 'token_not_found' });

/**
 * Service tokens: created by admins (the secret shown once, only its hash kept), listed, revoked. Every service
 * request reads its token from the database (one indexed read), so a revocation or expiry applies at once on every
 * instance, with no cache to invalidate.
 */
@Injectable()
export class ServiceTokensService {
  constructor(
    @InjectModel(ServiceToken.name) private readonly tokens: Model<ServiceToken>,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async create(adminId: string, input: CreateServiceTokenDto): Promise<CreatedServiceToken> {
    const username = input.account ?? usernameFrom(input.name);
    const account = await this.users.serviceAccount(username, input.name);
    const secret = newTokenSecret();
    const token = await this.tokens.create({
      name: input.name,
      tokenHash: hashTokenSecret(secret),
      prefix: visiblePrefixOf(secret),
      scopes: input.scopes,
      accountId: account._id,
      createdBy: new Types.ObjectId(adminId),
      expiresAt: input.expiresAt ?? null,
    });
    await this.audit.record(adminId, 'token.created', account._id.toString(), {
      tokenId: token._id.toString(),
      name: token.name,
      scopes: token.scopes,
    });
    return { ...toView(token, account), token: secret };
  }

  /** Tokens not revoked (expired ones included, so admins see them lapse), newest first. */
  async list(cursor: string | undefined): Promise<Page<ServiceTokenView>> {
    const rows = await this.tokens
      .find({ revokedAt: null, ...(cursor ? { _id: trusted({ $lt: new Types.ObjectId(cursor) }) } : {}) })
      .sort({ _id: -1 })
      .limit(PAGE_SIZE + 1)
      .exec();
    const page = rows.slice(0, PAGE_SIZE);
    const accounts = await this.users.findManyByIds(page.map((token) => token.accountId.toString()));
    const byId = new Map(accounts.map((account) => [account._id.toString(), account]));
    const items = page.flatMap((token) => {
      const account = byId.get(token.accountId.toString());
      return account ? [toView(token, account)] : [];
    });
    return { items, nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]._id.toString() : null };
  }

  /** Revokes at once; revoking again changes nothing. 404 for a token that never existed. */
  async revoke(adminId: string, id: string): Promise<void> {
    const revoked = Types.ObjectId.isValid(id)
      ? await this.tokens.findOneAndUpdate({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec()
      : null;
    if (!revoked) {
      if (Types.ObjectId.isValid(id) && (await this.tokens.exists({ _id: id }))) return;
      throw notFound();
    }
    await this.audit.record(adminId, 'token.revoked', revoked.accountId.toString(), {
      tokenId: id,
      name: revoked.name,
    });
  }

  /** The caller a bearer secret stands for; null when it is unknown, revoked, expired or its account is not active. */
  async authenticate(secret: string): Promise<ServiceCaller | null> {
    if (!looksLikeTokenSecret(secret)) return null;
    const token = await this.tokens.findOne({ tokenHash: hashTokenSecret(secret), revokedAt: null }).exec();
    const now = new Date();
    if (!token || (token.expiresAt && token.expiresAt <= now)) return null;
    const account = await this.users.getAccessState(token.accountId.toString());
    if (!account?.service || account.status !== 'active') return null;
    await this.touch(token, now);
    return {
      tokenId: token._id.toString(),
      name: token.name,
      scopes: token.scopes,
      accountId: token.accountId.toString(),
    };
  }

  /** Records the use when the stored time is over a minute old; of requests racing, one write lands. */
  private async touch(token: ServiceTokenDocument, now: Date): Promise<void> {
    if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await this.tokens
      .updateOne(
        { _id: token._id, $or: [{ lastUsedAt: null }, { lastUsedAt: trusted({ $lte: stale }) }] },
        { $set: { lastUsedAt: now } },
      )
      .exec()
      .catch(() => undefined);
  }
}

function toView(token: ServiceTokenDocument, account: UserDocument): ServiceTokenView {
  return {
    id: token._id.toString(),
    name: token.name,
    scopes: token.scopes,
    account: toPublicUser(account),
    prefix: token.prefix,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/** A username made from a token's name: "Expense reports" → "expense_reports". */
function usernameFrom(name: string): string {
  return name
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_')
    .replace(/[^a-z0-9_.]/g, '')
    .slice(0, 30)
    .padEnd(3, '_');
}
