import './support/cloudinary-over-http';

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Busboy from 'busboy';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, signUp } from './support/builders';
import { mp4, png } from './support/media-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const API_KEY = 'test-key';
const API_SECRET = 'test-secret';

interface Call {
  path: string;
  fields: Record<string, string>;
  fileBytes: number;
  signatureValid: boolean;
}

/** Stands in for Cloudinary's upload API on loopback and checks every request's signature like Cloudinary does. */
function startStandIn(calls: Call[]): Promise<Server> {
  let counter = 0;
  const server = createServer((req, res) => {
    const fields: Record<string, string> = {};
    let fileBytes = 0;
    const busboy = Busboy({ headers: req.headers });
    busboy.on('field', (name, value) => (fields[name] = value));
    busboy.on('file', (_name, stream) => stream.on('data', (chunk: Buffer) => (fileBytes += chunk.length)));
    busboy.on('close', () => {
      const signed = Object.keys(fields)
        .filter((key) => !['file', 'api_key', 'resource_type', 'cloud_name', 'signature'].includes(key))
        .sort()
        .map((key) => `${key}=${fields[key]}`)
        .join('&');
      const expected = createHash('sha1')
        .update(signed + API_SECRET)
        .digest('hex');
      calls.push({
        path: req.url!,
        fields,
        fileBytes,
        signatureValid: fields.signature === expected && fields.api_key === API_KEY,
      });
      res.setHeader('Content-Type', 'application/json');
      if (req.url!.endsWith('/destroy')) {
        res.end(JSON.stringify({ result: 'ok' }));
        return;
      }
      counter += 1;
      const resourceType = req.url!.split('/')[3];
      res.end(
        JSON.stringify({
          public_id: `chat/asset${counter}`,
          version: 1,
          resource_type: resourceType,
          type: 'authenticated',
          bytes: fileBytes,
        }),
      );
    });
    req.pipe(busboy);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Media on Cloudinary (e2e against a stand-in server)', () => {
  const calls: Call[] = [];
  let standIn: Server;
  let t: TestApp;

  beforeAll(async () => {
    standIn = await startStandIn(calls);
    const { port } = standIn.address() as AddressInfo;
    t = await startTestApp({
      CLOUDINARY_URL: `cloudinary://${API_KEY}:${API_SECRET}@demo-cloud`,
      CLOUDINARY_UPLOAD_PREFIX: `http://127.0.0.1:${port}`,
    });
  });
  afterAll(async () => {
    delete process.env.CLOUDINARY_URL;
    await t.close();
    await new Promise((resolve) => standIn.close(resolve));
  });

  it('uploads signed, private assets of the right resource type, serves signed short-lived URLs, and deletes on removal', async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = await befriendAndOpenChat(t.baseUrl, a, b);

    const image = await request(t.baseUrl)
      .post('/api/media')
      .set(bearer(a.accessToken))
      .attach('file', await png(200, 100), 'a.png')
      .expect(201);
    const imageUploads = calls.filter((call) => call.path === '/v1_1/demo-cloud/image/upload');
    expect(imageUploads).toHaveLength(2); // the picture and its thumbnail
    for (const call of imageUploads) {
      expect(call).toMatchObject({ signatureValid: true, fields: expect.objectContaining({ type: 'authenticated' }) });
      expect(call.fileBytes).toBeGreaterThan(0);
    }

    const video = await request(t.baseUrl)
      .post('/api/media')
      .set(bearer(a.accessToken))
      .attach('file', mp4(), 'v.mp4')
      .expect(201);
    const videoUpload = calls.find((call) => call.path === '/v1_1/demo-cloud/video/upload')!;
    expect(videoUpload).toMatchObject({ signatureValid: true, fileBytes: mp4().length });

    const message = await request(t.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), mediaId: image.body.id })
      .expect(201);
    const read = await request(t.baseUrl).get(image.body.url).set(bearer(b.accessToken)).expect(302);
    const location = new URL(read.headers.location);
    expect(location.pathname).toBe('/v1_1/demo-cloud/image/download');
    expect(location.searchParams.get('type')).toBe('authenticated');
    expect(location.searchParams.get('signature')).toMatch(/^[0-9a-f]{40}$/);
    const expiresAt = Number(location.searchParams.get('expires_at'));
    expect(expiresAt * 1000).toBeGreaterThan(Date.now());
    expect(expiresAt * 1000).toBeLessThan(Date.now() + 15 * 60 * 1000);
    await request(t.baseUrl).get(video.body.url).set(bearer(b.accessToken)).expect(403);

    await request(t.baseUrl).delete(`/api/messages/${message.body.id}`).set(bearer(a.accessToken)).expect(200);
    const destroys = calls.filter((call) => call.path === '/v1_1/demo-cloud/image/destroy');
    expect(destroys.map((call) => call.fields.public_id).sort()).toEqual(['chat/asset1', 'chat/asset2']);
    expect(destroys.every((call) => call.signatureValid && call.fields.type === 'authenticated')).toBe(true);
  });
});
