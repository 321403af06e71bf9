import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; createdAt: string; data: any };
  /** What the receiver answered: a status, or 'timeout' / 'drop' when it gave none. */
  answer: number | 'timeout' | 'drop';
}

/** How the receiver answers one request: a status code, never ('timeout'), or by closing the connection ('drop'). */
export type Answer = number | 'timeout' | 'drop';

/** A webhook receiver on loopback that records every request and answers as the spec tells it. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedDelivery[];
  /** Answers 2xx. */
  accepted(): ReceivedDelivery[];
  /** Decides each answer; the default accepts everything (204). */
  answer: (event: ReceivedDelivery['event'], attempt: number) => Answer;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const attemptsById = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    accepted: () => receiver.requests.filter((r) => typeof r.answer === 'number' && r.answer < 300),
    answer: () => 204,
    close: () =>
      new Promise((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const event = JSON.parse(body);
      const attempt = (attemptsById.get(event.id) ?? 0) + 1;
      attemptsById.set(event.id, attempt);
      const answer = receiver.answer(event, attempt);
      receiver.requests.push({ headers: req.headers, body, event, answer });
      if (answer === 'timeout') hanging.add(res);
      else if (answer === 'drop') req.socket.destroy();
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Polls until `check` returns a value (not undefined/false) or `timeoutMs` passes; no timed assertion. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
