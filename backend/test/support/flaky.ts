import { io, type Socket } from 'socket.io-client';
import request from 'supertest';

import { bearer, newClientId, type SignedUp } from './builders';

/** A socket that reconnects at once after its transport is cut, as a client on a bad network would try to. */
export const flakySocket = (baseUrl: string, token: string): Socket =>
  io(baseUrl, { auth: { token }, transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 100 });

export const connected = (socket: Socket) =>
  socket.connected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('connect', () => resolve()));

/** Cuts a random one of `sockets`' transports at random moments until stopped; stop() says how many cuts there were. */
export function startCuts(sockets: Socket[]): { stop: () => number } {
  let cuts = 0;
  const chaos = setInterval(() => {
    if (Math.random() < 0.3) {
      sockets[Math.floor(Math.random() * sockets.length)].io.engine?.close();
      cuts++;
    }
  }, 40);
  return {
    stop: () => {
      clearInterval(chaos);
      return cuts;
    },
  };
}

/**
 * A member's receiving side, as the SPA does it: what it got live (duplicates counted) and what it caught up on with
 * `after` each time it (re)connects.
 */
export function flakyReceiver(baseUrl: string, conversationId: string, who: SignedUp) {
  const socket = flakySocket(baseUrl, who.accessToken);
  const liveCount = new Map<string, number>();
  const received = new Set<string>();
  let lastSeen: { id: string; seq: number } | null = null;
  const remember = (message: { id: string; seq: number; kind: string }) => {
    if (message.kind === 'system') return;
    received.add(message.id);
    if (!lastSeen || message.seq > lastSeen.seq) lastSeen = message;
  };
  socket.on('message:new', ({ message }) => {
    if (message.conversationId !== conversationId) return;
    liveCount.set(message.id, (liveCount.get(message.id) ?? 0) + 1);
    remember(message);
  });
  const catchUp = async () => {
    let after = lastSeen?.id ?? null;
    for (;;) {
      const page = await request(baseUrl)
        .get(`/api/conversations/${conversationId}/messages`)
        .query(after ? { after, limit: 100 } : { limit: 100 })
        .set(bearer(who.accessToken));
      const items = (page.body.items ?? []) as { id: string; seq: number; kind: string }[];
      items.forEach(remember);
      if (!page.body.nextCursor || !after) break;
      after = page.body.nextCursor;
    }
  };
  socket.on('connect', () => void catchUp());
  return { socket, liveCount, received, catchUp };
}

/**
 * Sends `count` messages in order, each retried with the same clientId after the connection comes back until it is
 * acknowledged. Returns the clientIds in sending order and the stored ids the acks named.
 */
export async function sendThroughCuts(sender: Socket, conversationId: string, count: number) {
  const clientIds = Array.from({ length: count }, () => newClientId());
  const stored: string[] = [];
  for (const [i, clientId] of clientIds.entries()) {
    for (let attempt = 0; ; attempt++) {
      await connected(sender);
      try {
        const ack = await sender.timeout(500).emitWithAck('message:send', { conversationId, clientId, text: `n${i}` });
        if (ack.ok) {
          stored.push(ack.message.id);
          break;
        }
      } catch {
        // no ack: the connection dropped; retry with the same clientId
      }
      if (attempt > 100) throw new Error(`message ${i} never got through`);
    }
  }
  return { clientIds, stored };
}
