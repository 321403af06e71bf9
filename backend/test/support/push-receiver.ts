import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  /** The decrypted payload (RFC 8291, aes128gcm), parsed as JSON. */
  payload: any;
  /** The VAPID JWT's claims, after its ES256 signature was checked against the `k=` key (RFC 8292). */
  vapid: { publicKey: string; claims: { aud: string; exp: number; sub: string } };
}

/**
 * A push service on loopback standing in for a browser's: it holds the browser's key pair, so it decrypts each
 * payload the way the browser would, and checks the VAPID signature the way a push service does.
 */
export interface PushReceiver {
  /** What `PushSubscription.toJSON()` would give a page subscribed here. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  received: ReceivedPush[];
  /** Answer for the next requests (201 accepts; 410 says the subscription is gone). */
  status: number;
  next(timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

export async function startPushReceiver(path = '/push/device-1'): Promise<PushReceiver> {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  const waiters: ((push: ReceivedPush) => void)[] = [];
  const receiver: PushReceiver = {
    subscription: {
      endpoint: '',
      keys: { p256dh: uaPublic.toString('base64url'), auth: authSecret.toString('base64url') },
    },
    received: [],
    status: 201,
    next(timeoutMs = 5_000) {
      const seen = receiver.received.shift();
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no push within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((push) => (clearTimeout(timer), resolve(push)));
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const push: ReceivedPush = {
        headers: req.headers,
        payload: JSON.parse(decrypt(Buffer.concat(chunks), ecdh, uaPublic, authSecret).toString('utf8')),
        vapid: checkVapid(String(req.headers.authorization)),
      };
      res.writeHead(receiver.status).end();
      const waiter = waiters.shift();
      if (waiter) waiter(push);
      else receiver.received.push(push);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.subscription.endpoint = `http://127.0.0.1:${port}${path}`;
  return receiver;
}

/** RFC 8291 §3.4 and RFC 8188: one aes128gcm record, keyed from ECDH with the sender's key in the header. */
function decrypt(body: Buffer, ecdh: ReturnType<typeof createECDH>, uaPublic: Buffer, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdh.computeSecret(asPublic), authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  return padded.subarray(0, padded.lastIndexOf(2));
}

/** `vapid t=<JWT>, k=<public key>`: the JWT must verify with that key (ES256). */
function checkVapid(authorization: string): ReceivedPush['vapid'] {
  const token = /t=([^,\s]+)/.exec(authorization)?.[1] ?? '';
  const publicKey = /k=([^,\s]+)/.exec(authorization)?.[1] ?? '';
  const [header, claims, signature] = token.split('.');
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = Buffer.from(`${header}.${claims}`);
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')))
    throw new Error('VAPID signature does not verify');
  return { publicKey, claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) };
}
