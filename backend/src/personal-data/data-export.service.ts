import { Readable } from 'node:stream';

import { Injectable, Logger } from '@nestjs/common';
import { ZipFile } from 'yazl';

import type { Page } from '../contracts/users';
import { FriendsService } from '../friends/friends.service';
import { MediaService } from '../media/media.service';
import type { MediaDocument } from '../media/schemas/media.schema';
import { ConversationsService } from '../messages/conversations.service';
import { MessageHistoryService } from '../messages/message-history.service';
import { toCurrentUserView } from '../users/user.mapper';
import { UsersService } from '../users/users.service';

const README = `Your data from the chat, as JSON (UTF-8):
profile.json        your account
friends.json        your friends, pending friend requests both ways, and the people you blocked
conversations.json  your conversations; each names the file with its messages
messages/<id>.json  every message of that conversation, sent or received, oldest first
media.json          the pictures and videos you uploaded; each names its file under media/
`;

/**
 * Everything a person has here, as a ZIP streamed while it is built: nothing is held in memory whole (messages
 * and uploads are read a page at a time, each upload's bytes only when the archive gets to it).
 */
@Injectable()
export class DataExportService {
  private readonly logger = new Logger(DataExportService.name);

  constructor(
    private readonly users: UsersService,
    private readonly friends: FriendsService,
    private readonly conversations: ConversationsService,
    private readonly history: MessageHistoryService,
    private readonly media: MediaService,
  ) {}

  /** The archive's bytes; entries are added while it streams. */
  export(userId: string): Readable {
    const zip = new ZipFile();
    void this.fill(zip, userId).catch((error: Error) => {
      this.logger.error(`export of ${userId} failed: ${error.stack}`);
      (zip.outputStream as Readable).destroy(error);
    });
    return zip.outputStream as Readable;
  }

  private async fill(zip: ZipFile, userId: string): Promise<void> {
    const user = await this.users.getById(userId);
    const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));
    zip.addBuffer(Buffer.from(README), 'README.txt');
    zip.addBuffer(
      json({
        ...toCurrentUserView(user),
        status: user.status,
        origin: user.origin,
        lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
      }),
      'profile.json',
    );
    const [friends, incomingRequests, outgoingRequests, blocked] = await Promise.all([
      everyPage((cursor) => this.friends.listFriends(userId, cursor)),
      everyPage((cursor) => this.friends.listRequests(userId, 'incoming', cursor)),
      everyPage((cursor) => this.friends.listRequests(userId, 'outgoing', cursor)),
      this.friends.listBlocked(userId),
    ]);
    zip.addBuffer(json({ friends, incomingRequests, outgoingRequests, blocked }), 'friends.json');

    const conversations = await everyPage((cursor) => this.conversations.list(userId, cursor));
    zip.addBuffer(
      json(conversations.map((conversation) => ({ ...conversation, messagesFile: messagesFile(conversation.id) }))),
      'conversations.json',
    );
    for (const conversation of conversations) {
      zip.addReadStreamLazy(messagesFile(conversation.id), (done) =>
        done(null, Readable.from(jsonArray(this.history.everyMessage(userId, conversation.id)))),
      );
    }

    const uploads: object[] = [];
    for await (const item of this.media.ownedBy(userId)) {
      uploads.push({
        id: item._id.toString(),
        purpose: item.purpose,
        kind: item.kind,
        mime: item.mime,
        size: item.size,
        createdAt: item.createdAt.toISOString(),
        conversationId: item.conversationId?.toString() ?? null,
        messageId: item.messageId?.toString() ?? null,
        file: mediaFile(item),
      });
      zip.addReadStreamLazy(mediaFile(item), (done) => {
        this.media.read(item).then(
          (stream) => done(null, stream),
          (error: Error) => {
            // One unreadable file (deleted from the store behind our back) should not cost the whole export.
            this.logger.warn(`export of ${userId}: ${mediaFile(item)} unreadable: ${error.message}`);
            done(null, Readable.from([]));
          },
        );
      });
    }
    zip.addBuffer(json(uploads), 'media.json');
    zip.end();
  }
}

const messagesFile = (conversationId: string) => `messages/${conversationId}.json`;
const mediaFile = (item: MediaDocument) => `media/${item._id.toString()}.${item.extension}`;

async function everyPage<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A JSON array written an item at a time. */
async function* jsonArray(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
