import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { ExportLine } from '../contracts/compliance';
import { MediaService } from '../media/media.service';
import { ConversationsService } from './conversations.service';
import { MessageVersionsService } from './message-versions.service';
import { Message, type MessageMedia } from './schemas/message.schema';

/** What the compliance side reads and removes of messages: the retention job's removals and the export. */
@Injectable()
export class MessageKeepingService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly versions: MessageVersionsService,
    private readonly media: MediaService,
  ) {}

  /**
   * Removes up to `limit` messages created before `cutoff`, oldest first, outside the `kept` conversations, with
   * their media (files too) and versions; returns how many it removed. Each step is safe to repeat: a crash in between leaves
   * messages the next run finds again. Served by the {createdAt} index.
   */
  async removeOlderThan(cutoff: Date, kept: Types.ObjectId[], limit: number): Promise<number> {
    const rows = await this.messages
      .find(
        { createdAt: trusted({ $lt: cutoff }), ...(kept.length ? { conversationId: trusted({ $nin: kept }) } : {}) },
        { _id: 1, media: 1 },
      )
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean()
      .exec();
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row._id);
    await this.media.deleteForMessages(ids);
    await this.versions.deleteFor(ids);
    const { deletedCount } = await this.messages.deleteMany({ _id: trusted({ $in: ids }) }).exec();
    await this.conversations.dropPreviews(ids);
    return deletedCount;
  }

  /**
   * Every message of the users' conversations (those they take or took part in) created in [from, to), oldest first,
   * with all that is kept of it; read from a cursor a batch at a time, so memory stays bounded.
   */
  async *exportLines(userIds: Types.ObjectId[], from: Date, to: Date, batch = 200): AsyncGenerator<ExportLine> {
    const conversationIds = await this.conversations.idsWithAnyOf(userIds);
    if (conversationIds.length === 0) return;
    const cursor = this.messages
      .find({
        createdAt: trusted({ $gte: from, $lt: to }),
        conversationId: trusted({ $in: conversationIds }),
      })
      .sort({ createdAt: 1, _id: 1 })
      .lean()
      .cursor({ batchSize: batch });
    let rows: StoredMessage[] = [];
    for await (const row of cursor) {
      rows.push(row);
      if (rows.length < batch) continue;
      yield* await this.withVersions(rows);
      rows = [];
    }
    yield* await this.withVersions(rows);
  }

  /** One query for the versions of a batch of messages. */
  private async withVersions(rows: StoredMessage[]): Promise<ExportLine[]> {
    if (rows.length === 0) return [];
    const versions = await this.versions.allOf(rows.map((row) => row._id));
    return rows.map((row) => toExportLine(row, versions.get(row._id.toString()) ?? []));
  }
}

type StoredMessage = Message & { _id: Types.ObjectId };

type StoredVersion = {
  reason: ExportLine['versions'][number]['reason'];
  text: string | null;
  media: MessageMedia | null;
  at: Date;
};

const exportMedia = (media: MessageMedia | null): ExportLine['media'] =>
  media ? { id: media.id.toString(), kind: media.kind, mime: media.mime, size: media.size } : null;

function toExportLine(row: StoredMessage, versions: StoredVersion[]): ExportLine {
  return {
    id: row._id.toString(),
    conversationId: row.conversationId.toString(),
    seq: row.seq,
    senderId: row.senderId.toString(),
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    hiddenFor: (row.hiddenFor ?? []).map(String),
    text: row.text,
    media: exportMedia(row.media),
    versions: versions.map((version) => ({
      reason: version.reason,
      text: version.text,
      media: exportMedia(version.media),
      at: version.at.toISOString(),
    })),
  };
}
