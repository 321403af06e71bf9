import { Injectable, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';

import { AuditService } from '../admin/audit.service';
import type { ExportLine, HoldKind, LegalHoldView } from '../contracts/compliance';
import { ConversationsService } from '../messages/conversations.service';
import { MessageKeepingService } from '../messages/message-keeping.service';
import { UsersService } from '../users/users.service';
import { LegalHoldsService } from './legal-holds.service';
import type { LegalHoldDocument } from './schemas/legal-hold.schema';

/** The admin side of keeping: legal holds (placed, listed, released) and the compliance export; all audited. */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly holds: LegalHoldsService,
    private readonly users: UsersService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessageKeepingService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<LegalHoldView[]> {
    const holds = await this.holds.list();
    return Promise.all(holds.map((hold) => this.view(hold)));
  }

  /** 404 when the user or conversation does not exist; placing a hold that is on returns it unchanged. */
  async place(actorId: string, kind: HoldKind, targetId: string, reason: string): Promise<LegalHoldView> {
    const label = await this.labelOf(kind, targetId);
    const { hold, created } = await this.holds.place(kind, targetId, reason, actorId);
    if (created) await this.audit.record(actorId, 'hold.placed', ...this.auditTarget(hold));
    return { ...this.bare(hold), label };
  }

  async release(actorId: string, id: string): Promise<void> {
    const hold = await this.holds.release(id);
    if (!hold) throw new NotFoundException({ message: 'Legal hold not found', code: 'hold_not_found' });
    await this.audit.record(actorId, 'hold.released', ...this.auditTarget(hold));
  }

  /** Audited before the first line goes out, so an export that is cut off still shows in the log. */
  async export(actorId: string, userIds: string[], from: Date, to: Date): Promise<AsyncGenerator<ExportLine>> {
    await this.audit.record(actorId, 'export.downloaded', null, {
      from: from.toISOString(),
      to: to.toISOString(),
      userIds,
    });
    return this.messages.exportLines(
      userIds.map((id) => new Types.ObjectId(id)),
      from,
      to,
    );
  }

  /** A user's hold targets them; a conversation's targets no account and names it in the details. */
  private auditTarget(hold: LegalHoldDocument): [string | null, Record<string, unknown>] {
    const details = { kind: hold.kind, reason: hold.reason };
    return hold.kind === 'user'
      ? [hold.targetId.toString(), details]
      : [null, { ...details, conversationId: hold.targetId.toString() }];
  }

  private async view(hold: LegalHoldDocument): Promise<LegalHoldView> {
    const label = await this.labelOf(hold.kind, hold.targetId.toString()).catch(() => hold.targetId.toString());
    return { ...this.bare(hold), label };
  }

  private bare(hold: LegalHoldDocument): Omit<LegalHoldView, 'label'> {
    return {
      id: hold._id.toString(),
      kind: hold.kind,
      targetId: hold.targetId.toString(),
      reason: hold.reason,
      placedBy: hold.placedBy?.toString() ?? null,
      placedAt: hold.placedAt.toISOString(),
    };
  }

  private async labelOf(kind: HoldKind, targetId: string): Promise<string> {
    if (kind === 'user') {
      const user = await this.users.findById(targetId);
      if (!user) throw new NotFoundException({ message: 'User not found', code: 'user_not_found' });
      return `${user.displayName} (@${user.username})`;
    }
    const conversation = await this.conversations.findById(targetId);
    if (conversation.kind === 'group') return conversation.name ?? '';
    const people = await this.users.findManyByIds(conversation.participants.map(String));
    return people.map((person) => `@${person.username}`).join(' · ');
  }
}
