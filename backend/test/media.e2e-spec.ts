import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import request from 'supertest';

import { MediaCleanupService } from '../src/media/media-cleanup.service';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { captureErrorLogs } from './support/log-capture';
import { jpegWithGps, mp4, png, windowsProgram } from './support/media-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('Media (e2e, local storage)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let conversationId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-media-'));
  const mediaDir = join(dataDir, 'media');
  const storedFiles = () => readdirSync(mediaDir).filter((name) => name !== 'tmp');
  const api = () => request(t.baseUrl);
  const upload = (who: SignedUp, data: Buffer, filename: string, contentType = 'application/octet-stream') =>
    api().post('/api/media').set(bearer(who.accessToken)).attach('file', data, { filename, contentType });
  const sendMedia = (who: SignedUp, mediaId: string, text?: string) =>
    api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(who.accessToken))
      .send({ clientId: newClientId(), mediaId, ...(text ? { text } : {}) });

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: dataDir, MEDIA_MAX_IMAGE_MB: '1', MEDIA_MAX_VIDEO_MB: '2' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });

  it('sends an image and a video that the other participant can fetch (video with Range), a third user cannot', async () => {
    const image = await upload(a, await png(800, 600), 'cat.png', 'image/png').expect(201);
    expect(image.body).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      width: 800,
      height: 600,
      url: `/api/media/${image.body.id}`,
    });
    const video = await upload(a, mp4(), 'clip.mp4', 'video/mp4').expect(201);
    expect(video.body).toMatchObject({ kind: 'video', mime: 'video/mp4' });

    const imageMessage = await sendMedia(a, image.body.id, 'look at this').expect(201);
    expect(imageMessage.body).toMatchObject({ kind: 'image', text: 'look at this', media: { id: image.body.id } });
    await sendMedia(a, video.body.id).expect(201);

    const fetched = await api().get(image.body.url).set(bearer(b.accessToken)).buffer(true).parse(binary).expect(200);
    expect(fetched.headers['content-type']).toBe('image/png');
    expect((await sharp(fetched.body).metadata()).width).toBe(800);
    const thumb = await api()
      .get(image.body.thumbUrl)
      .set(bearer(b.accessToken))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await sharp(thumb.body).metadata()).width).toBeLessThanOrEqual(320);

    const original = mp4();
    const range = await api()
      .get(video.body.url)
      .set(bearer(b.accessToken))
      .set('Range', 'bytes=1000-1999')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(range.headers['content-range']).toBe(`bytes 1000-1999/${original.length}`);
    expect(Buffer.compare(range.body, original.subarray(1000, 2000))).toBe(0);

    await api().get(image.body.url).set(bearer(c.accessToken)).expect(403);
    await api().get(video.body.url).set(bearer(c.accessToken)).expect(403);
    await api().get(image.body.url).expect(401);
    await api().get('/api/media/000000000000000000000000').set(bearer(a.accessToken)).expect(404);
  });

  it('answers a Range beyond the end with 416 and Content-Range bytes */size, not an error', async () => {
    const video = await upload(a, mp4(), 'clip.mp4', 'video/mp4').expect(201);
    const size = mp4().length;
    const logs = captureErrorLogs();
    try {
      const res = await api()
        .get(video.body.url)
        .set(bearer(a.accessToken))
        .set('Range', `bytes=${size + 10}-${size + 20}`)
        .expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${size}`);
      expect(res.body).toMatchObject({ statusCode: 416, error: 'Range Not Satisfiable', message: expect.any(String) });
      expect(logs.lines()).toEqual([]);
    } finally {
      logs.stop();
    }
  });

  it('logs no error when clients abort media downloads, at any moment', async () => {
    const video = await upload(a, mp4(2 * 1024 * 1024 - 1024), 'clip.mp4', 'video/mp4').expect(201);
    const logs = captureErrorLogs();
    try {
      for (let i = 0; i < 40; i++) {
        await new Promise<void>((resolve) => {
          const req = http.get(`${t.baseUrl}${video.body.url}`, { headers: bearer(a.accessToken) });
          req.on('response', (res) => res.destroy());
          req.on('error', () => undefined);
          req.on('close', () => resolve());
          // From before the server has looked at the file to half-way through the body.
          setTimeout(() => req.destroy(), i % 10);
        });
      }
      await api().get(video.body.url).set(bearer(a.accessToken)).expect(200);
      expect(logs.lines()).toEqual([]);
    } finally {
      logs.stop();
    }
  });

  it('loads media in the browser with the HttpOnly media cookie set at sign-in', async () => {
    const image = await upload(a, await png(), 'x.png').expect(201);
    await sendMedia(a, image.body.id).expect(201);
    const login = await api()
      .post('/api/auth/login')
      .send({ login: b.input.username, password: b.input.password })
      .expect(200);
    const mediaCookie = ([] as string[]).concat(login.headers['set-cookie']).find((c) => c.startsWith('media_token='))!;
    expect(mediaCookie).toMatch(/HttpOnly/);
    expect(mediaCookie).toMatch(/Path=\/api\/media/);
    await api().get(image.body.url).set('Cookie', mediaCookie.split(';')[0]).expect(200);
  });

  it('judges the type by content: a PNG named .mp4 is an image, a text named .png is text, a program named .png is refused (415)', async () => {
    const disguised = await upload(a, await png(), 'movie.mp4', 'video/mp4').expect(201);
    expect(disguised.body).toMatchObject({ kind: 'image', mime: 'image/png' });
    const text = await upload(
      a,
      Buffer.from('just some text, not a picture at all '.repeat(10)),
      'photo.png',
      'image/png',
    ).expect(201);
    expect(text.body).toMatchObject({ kind: 'file', mime: 'text/plain', name: 'photo.png' });
    const program = await upload(a, windowsProgram(), 'photo.png', 'image/png').expect(415);
    expect(program.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
  });

  it('refuses an oversize upload with 413 and leaves nothing behind', async () => {
    const before = storedFiles().length;
    const big = Buffer.concat([await png(), Buffer.alloc(1.5 * 1024 * 1024)]);
    const res = await upload(a, big, 'big.png').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'file_too_large' });
    await upload(a, mp4(3 * 1024 * 1024), 'long.mp4').expect(413);
    expect(storedFiles()).toHaveLength(before);
    expect(readdirSync(join(mediaDir, 'tmp'))).toEqual([]);
  });

  it('strips EXIF and GPS from a JPEG', async () => {
    const source = await jpegWithGps();
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const image = await upload(a, source, 'holiday.jpg').expect(201);
    const stored = await api().get(image.body.url).set(bearer(a.accessToken)).buffer(true).parse(binary).expect(200);
    const metadata = await sharp(stored.body).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored.body.includes(Buffer.from('SpyCam'))).toBe(false);
  });

  it('lets an upload be attached once, by its owner only', async () => {
    const image = await upload(a, await png(), 'x.png').expect(201);
    expect((await sendMedia(b, image.body.id).expect(409)).body.code).toBe('media_unavailable');
    await sendMedia(a, image.body.id).expect(201);
    await sendMedia(a, image.body.id).expect(409);
  });

  it('deletes the file when its message is deleted', async () => {
    const before = storedFiles().length;
    const image = await upload(a, await png(), 'x.png').expect(201);
    const message = await sendMedia(a, image.body.id).expect(201);
    expect(storedFiles().length).toBe(before + 2);
    await api().delete(`/api/messages/${message.body.id}`).set(bearer(a.accessToken)).expect(200);
    expect(storedFiles()).toHaveLength(before);
    await api().get(image.body.url).set(bearer(b.accessToken)).expect(404);
  });

  it('replaces the avatar (removing the old file), shows it to others, and removes it', async () => {
    const before = storedFiles().length;
    const first = await api()
      .put('/api/users/me/avatar')
      .set(bearer(a.accessToken))
      .attach('file', await png(400, 300), 'me.png')
      .expect(200);
    expect(first.body.avatarUrl).toMatch(/^\/api\/media\/[0-9a-f]{24}\/thumb$/);
    const square = await api()
      .get(first.body.avatarUrl)
      .set(bearer(c.accessToken))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { width, height } = await sharp(square.body).metadata();
    expect(width).toBe(height);

    const second = await api()
      .put('/api/users/me/avatar')
      .set(bearer(a.accessToken))
      .attach('file', await png(), 'me2.png')
      .expect(200);
    expect(second.body.avatarUrl).not.toBe(first.body.avatarUrl);
    expect(storedFiles().length).toBe(before + 2);
    await api().get(first.body.avatarUrl).set(bearer(c.accessToken)).expect(404);

    await api().put('/api/users/me/avatar').set(bearer(a.accessToken)).attach('file', mp4(), 'me.mp4').expect(415);
    const removed = await api().delete('/api/users/me/avatar').set(bearer(a.accessToken)).expect(200);
    expect(removed.body.avatarUrl).toBeNull();
    expect(storedFiles()).toHaveLength(before);
  });

  it('cleans up uploads never sent, once they are a day old, and keeps sent ones', async () => {
    const before = storedFiles().length;
    const unsent = await upload(a, await png(), 'draft.png').expect(201);
    const sent = await upload(a, await png(), 'sent.png').expect(201);
    await sendMedia(a, sent.body.id).expect(201);

    const cleanup = t.app.get(MediaCleanupService);
    await cleanup.run(Date.now());
    expect(storedFiles()).toHaveLength(before + 4);
    // A day later: this test's draft (and earlier tests' unsent uploads) go, with their thumbnails.
    await cleanup.run(Date.now() + 25 * 60 * 60 * 1000);
    expect(storedFiles().length).toBeLessThanOrEqual(before + 2);
    await api().get(unsent.body.url).set(bearer(a.accessToken)).expect(404);
    await api().get(sent.body.url).set(bearer(b.accessToken)).expect(200);
  });
});

/** Collects a response body as bytes. */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
