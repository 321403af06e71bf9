import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';

import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { Request, Response } from 'express';
import { Model, trusted, Types } from 'mongoose';

import { mediaConfig } from '../config';
import type { MediaKind, MediaView } from '../contracts/messages';
import { UsersService } from '../users/users.service';
import { displayName, downloadName } from './file-name';
import { type DetectedType, detectType, judgeHead } from './file-signature';
import { processImage } from './image-processing';
import { toMediaView } from './media.mapper';
import { Media, type MediaDocument, type MediaPurpose } from './schemas/media.schema';
import { STORAGE_DRIVER, type StorageDriver, type StoredObject } from './storage/storage-driver';
import { receiveFile, tooLarge } from './upload-stream';
import { type ClamdScanner, VIRUS_SCANNER } from './virus-scanner';

const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

/** Whether a user may read the message at `seq` of a group. */
export type GroupReaders = (userId: string, conversationId: string, seq: number) => Promise<boolean>;

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);
  private groupReaders: GroupReaders | null = null;

  constructor(
    @InjectModel(Media.name) private readonly media: Model<Media>,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    @Inject(mediaConfig.KEY) private readonly config: ConfigType<typeof mediaConfig>,
    @Inject(VIRUS_SCANNER) private readonly scanner: ClamdScanner | null,
    private readonly users: UsersService,
  ) {}

  /**
   * Streams an upload to disk, judges it by its bytes, re-encodes images without metadata (plus a thumbnail),
   * stores it and records it; with a virus scanner, it is held (neither stored nor recorded, so it can be neither
   * sent nor downloaded) until clamd finds it clean. Whatever fails on the way, no file and no record are left.
   */
  async upload(ownerId: string, req: Request, purpose: MediaPurpose): Promise<MediaDocument> {
    const tempDir = join(this.config.dir, 'tmp');
    await mkdir(tempDir, { recursive: true });
    const tempPath = join(tempDir, randomBytes(16).toString('hex'));
    const { maxImageBytes, maxVideoBytes, maxFileBytes } = this.config;
    const file = await receiveFile(req, tempPath, Math.max(maxImageBytes, maxVideoBytes, maxFileBytes), (head) =>
      this.limitFor(head, purpose),
    );
    let type: DetectedType | null = null;
    const stored: StoredObject[] = [];
    try {
      type = await this.finalType(file.path, file.size, purpose);
      // Before anything parses or stores it: infected bytes never reach the image decoder or the media store.
      if (this.scanner) await this.assertClean(file.path, ownerId, this.scanner);
      const record: Partial<Media> = {
        ownerId: new Types.ObjectId(ownerId),
        purpose,
        kind: type.kind,
        mime: type.mime,
        extension: type.extension,
        name: displayName(file.filename),
        driver: this.storage.name,
      };
      if (type.kind === 'image') {
        const image = await processImage(file.path, type.mime, purpose === 'avatar').catch(() => {
          throw new UnsupportedMediaTypeException({
            message: 'This image could not be read',
            code: 'unreadable_image',
          });
        });
        const main = await this.storage.putBuffer(image.main, type);
        stored.push(main);
        const thumb = await this.storage.putBuffer(image.thumb, {
          kind: 'image',
          mime: 'image/webp',
          extension: 'webp',
        });
        stored.push(thumb);
        Object.assign(record, {
          key: main.key,
          thumbKey: thumb.key,
          size: image.main.length,
          width: image.width,
          height: image.height,
        });
      } else {
        const main = await this.storage.putFile(file.path, type);
        stored.push(main);
        Object.assign(record, { key: main.key, size: file.size });
      }
      const created = await this.media.create(record);
      // Uploaded while the account was being erased: the erasure's clean-up may already have run.
      if (await this.users.isErased(ownerId)) {
        await this.remove(created);
        throw new UnauthorizedException({ message: 'This account no longer exists', code: 'session_ended' });
      }
      return created;
    } catch (error) {
      const kind = type?.kind ?? 'file';
      await Promise.all(stored.map((object) => this.storage.delete(object.key, { kind }).catch(() => undefined)));
      throw error;
    } finally {
      await unlink(file.path).catch(() => undefined);
    }
  }

  /**
   * A copy of a sent picture or video as a new, unsent upload of `ownerId` (a forward): its own bytes and record, so
   * it is attached and authorized like any upload, and deleting either message leaves the other's media. Streamed
   * through a temporary file, never buffered whole.
   */
  async copyForSending(mediaId: Types.ObjectId, ownerId: string): Promise<MediaDocument> {
    const original = await this.media.findById(mediaId).exec();
    if (!original) throw new NotFoundException({ message: 'Media not found', code: 'media_not_found' });
    const type = { kind: original.kind, mime: original.mime, extension: original.extension };
    const tempDir = join(this.config.dir, 'tmp');
    await mkdir(tempDir, { recursive: true });
    const tempPath = join(tempDir, randomBytes(16).toString('hex'));
    const stored: StoredObject[] = [];
    try {
      await pipeline(await this.storage.read(original.key, type), createWriteStream(tempPath));
      stored.push(await this.storage.putFile(tempPath, type));
      if (original.thumbKey) {
        const thumbType = { kind: 'image' as const, mime: 'image/webp', extension: 'webp' };
        const thumb = await buffer(await this.storage.read(original.thumbKey, thumbType));
        stored.push(await this.storage.putBuffer(thumb, thumbType));
      }
      const {
        _id,
        ownerId: _owner,
        key: _key,
        thumbKey: _thumb,
        conversationId,
        messageId,
        readers,
        groupSeq,
        createdAt,
        ...rest
      } = original.toObject();
      return await this.media.create({
        ...rest,
        ownerId: new Types.ObjectId(ownerId),
        driver: this.storage.name,
        key: stored[0].key,
        thumbKey: stored[1]?.key ?? null,
      });
    } catch (error) {
      await Promise.all(
        stored.map((object) => this.storage.delete(object.key, { kind: type.kind }).catch(() => undefined)),
      );
      throw error;
    } finally {
      await unlink(tempPath).catch(() => undefined);
    }
  }

  view(media: MediaDocument): MediaView {
    return toMediaView(media);
  }

  /**
   * How a group decides who reads a message's media (whoever may read the message's seq): given by the messages
   * module, which knows the groups and uses this service.
   */
  decideGroupReaders(mayReadSeq: GroupReaders): void {
    this.groupReaders = mayReadSeq;
  }

  /**
   * Owner, the participants of the direct conversation it was sent in, whoever may read the group message carrying
   * it, and (for avatars) anyone signed in.
   */
  async getReadable(userId: string, mediaId: string): Promise<MediaDocument> {
    const media = Types.ObjectId.isValid(mediaId) ? await this.media.findById(mediaId).exec() : null;
    if (!media || media.held) throw new NotFoundException({ message: 'Media not found', code: 'media_not_found' });
    const allowed =
      media.purpose === 'avatar' ||
      media.ownerId.toString() === userId ||
      (typeof media.groupSeq === 'number' && media.conversationId && this.groupReaders
        ? await this.groupReaders(userId, media.conversationId.toString(), media.groupSeq)
        : media.readers.some((reader) => reader.toString() === userId));
    if (!allowed) throw new ForbiddenException({ message: 'You cannot see this media', code: 'media_forbidden' });
    return media;
  }

  /** Pictures and videos are shown inline; documents and audio are only ever offered as downloads. */
  async send(media: MediaDocument, variant: 'main' | 'thumb', res: Response): Promise<void> {
    const thumb = variant === 'thumb' && media.thumbKey;
    if (variant === 'thumb' && !thumb)
      throw new NotFoundException({ message: 'This media has no thumbnail', code: 'no_thumbnail' });
    if (thumb) {
      await this.storage.send(media.thumbKey!, { kind: 'image', mime: 'image/webp', extension: 'webp' }, res);
      return;
    }
    const { kind, mime, extension } = media;
    const download = kind === 'file' || kind === 'audio' ? { downloadName: downloadName(media.name, media) } : {};
    await this.storage.send(media.key, { kind, mime, extension, ...download }, res);
  }

  /**
   * Attaches the owner's unsent upload to a message, atomically: an upload can be attached once, by its owner.
   * Returns null when that is not possible.
   */
  async attach(
    ownerId: string,
    mediaId: string,
    target: { conversationId: Types.ObjectId; messageId: Types.ObjectId; readers: Types.ObjectId[] },
  ): Promise<MediaDocument | null> {
    if (!Types.ObjectId.isValid(mediaId)) return null;
    return this.media
      .findOneAndUpdate(
        { _id: mediaId, ownerId, purpose: 'message', messageId: null },
        { $set: { conversationId: target.conversationId, messageId: target.messageId, readers: target.readers } },
        { new: true },
      )
      .exec();
  }

  /**
   * Makes the owner's unsent image upload a group's picture, atomically (readable by anyone signed in, like a
   * profile picture). Returns null when that is not possible.
   */
  async adoptAsGroupPicture(
    ownerId: string,
    mediaId: string,
    conversationId: Types.ObjectId,
  ): Promise<MediaDocument | null> {
    if (!Types.ObjectId.isValid(mediaId)) return null;
    return this.media
      .findOneAndUpdate(
        { _id: mediaId, ownerId, purpose: 'message', kind: 'image', messageId: null },
        { $set: { purpose: 'avatar', conversationId } },
        { new: true },
      )
      .exec();
  }

  /**
   * Who may read a group message's media, once its seq is known: whoever may read that seq (see getReadable); the
   * members at that seq are its `readers`.
   */
  async setGroupReaders(
    mediaId: Types.ObjectId,
    messageId: Types.ObjectId,
    audience: { seq: number; readers: Types.ObjectId[] },
  ): Promise<void> {
    await this.media
      .updateOne({ _id: mediaId, messageId }, { $set: { readers: audience.readers, groupSeq: audience.seq } })
      .exec();
  }

  /** Undo of attach() when the message could not be stored after all. */
  async detach(mediaId: Types.ObjectId, messageId: Types.ObjectId): Promise<void> {
    await this.media
      .updateOne({ _id: mediaId, messageId }, { $set: { conversationId: null, messageId: null, readers: [] } })
      .exec();
  }

  async deleteForMessage(messageId: Types.ObjectId): Promise<void> {
    const items = await this.media.find({ messageId }).exec();
    await Promise.all(items.map((item) => this.remove(item)));
  }

  /** Keeps a message's media under a legal hold: out of everyone's sight, for the compliance export. */
  async holdForMessage(messageId: Types.ObjectId): Promise<void> {
    await this.media.updateMany({ messageId }, { $set: { held: true } }).exec();
  }

  /** The media of messages removed for good (retention): files and records. Idempotent. */
  async deleteForMessages(messageIds: Types.ObjectId[]): Promise<void> {
    const items = await this.media.find({ messageId: trusted({ $in: messageIds }) }).exec();
    for (const item of items) await this.remove(item);
  }

  /**
   * Everything the user uploaded (profile pictures, sent and unsent media): files and records, except what a legal
   * hold keeps. Idempotent.
   */
  async deleteAllOwnedBy(ownerId: string): Promise<void> {
    const items = await this.media.find({ ownerId: new Types.ObjectId(ownerId), held: trusted({ $ne: true }) }).exec();
    for (const item of items) await this.remove(item);
  }

  /** What the user uploaded (but what a legal hold keeps), a page at a time, oldest first (the personal data export). */
  async *ownedBy(ownerId: string, pageSize = 200): AsyncGenerator<MediaDocument> {
    let after: Types.ObjectId | null = null;
    for (;;) {
      const rows: MediaDocument[] = await this.media
        .find({
          ownerId: new Types.ObjectId(ownerId),
          held: trusted({ $ne: true }),
          ...(after ? { _id: trusted({ $gt: after }) } : {}),
        })
        .sort({ _id: 1 })
        .limit(pageSize)
        .exec();
      yield* rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]._id;
    }
  }

  /** The stored bytes of an upload, as a stream. */
  read(media: MediaDocument): Promise<Readable> {
    return this.storage.read(media.key, { kind: media.kind, mime: media.mime, extension: media.extension });
  }

  async deleteById(mediaId: Types.ObjectId | string): Promise<void> {
    const item = await this.media.findById(mediaId).exec();
    if (item) await this.remove(item);
  }

  /** Uploads that were never sent, older than a day. */
  async deleteUnattached(now = Date.now()): Promise<number> {
    const stale = await this.media
      .find({ purpose: 'message', messageId: null, createdAt: trusted({ $lt: new Date(now - UNATTACHED_TTL_MS) }) })
      .exec();
    await Promise.all(stale.map((item) => this.remove(item)));
    return stale.length;
  }

  private async remove(item: MediaDocument): Promise<void> {
    for (const key of [item.key, item.thumbKey]) {
      if (!key) continue;
      await this.storage.delete(key, { kind: key === item.key ? item.kind : 'image' }).catch((error: Error) => {
        this.logger.warn(`could not delete ${key}: ${error.message}`);
      });
    }
    await this.media.deleteOne({ _id: item._id }).exec();
  }

  /** The first judgement while the upload arrives: refuses what is certainly not accepted, and gives the limit. */
  private async limitFor(head: Buffer, purpose: MediaPurpose): Promise<number> {
    const kind = await judgeHead(head);
    if (!kind) throw unsupported();
    if (purpose === 'avatar' && kind !== 'image') throw notAnImage();
    return this.limitOf(kind);
  }

  /** The final judgement, from the whole file. */
  private async finalType(path: string, size: number, purpose: MediaPurpose): Promise<DetectedType> {
    const type = await detectType(path);
    if (!type) throw unsupported();
    if (purpose === 'avatar' && type.kind !== 'image') throw notAnImage();
    // WebM and MP4 were allowed a video's size until they turned out to be audio.
    if (size > this.limitOf(type.kind)) throw tooLarge(this.limitOf(type.kind));
    return type;
  }

  private limitOf(kind: MediaKind): number {
    if (kind === 'image') return this.config.maxImageBytes;
    return kind === 'video' ? this.config.maxVideoBytes : this.config.maxFileBytes;
  }

  /** Infected, or no answer from the scanner: refused (the caller deletes the temporary file). */
  private async assertClean(path: string, ownerId: string, scanner: ClamdScanner): Promise<void> {
    const result = await scanner.scan(path);
    if (result.clean) return;
    this.logger.warn(`refused an upload by ${ownerId}: ${result.signature}`);
    throw new UnprocessableEntityException({
      message: 'This file contains a virus and was deleted',
      code: 'virus_found',
    });
  }
}

function unsupported(): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({
    message:
      'This type of file cannot be sent: pictures, videos, PDF and Office documents, text, ZIP archives and audio can',
    code: 'unsupported_media_type',
  });
}

function notAnImage(): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({ message: 'A profile picture must be an image', code: 'avatar_not_image' });
}
