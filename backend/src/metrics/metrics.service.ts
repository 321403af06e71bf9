import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { MESSAGE_KINDS, type MessageKind } from '../contracts/messages';

/** How a message reached the server: the socket's `message:send` or POST /api/conversations/:id/messages. */
export type SendTransport = 'socket' | 'http';
export type LoginMethod = 'password' | 'sso';

/**
 * The application's Prometheus metrics, served at GET /metrics, on a registry of this instance's own (several
 * apps in one test process must not share one). Each metric is named and documented here and recorded through a
 * method, so what is measured is visible in one place.
 *
 * To add a metric: declare it below with `registers: [this.registry]`, a `chat_` name, a unit suffix
 * (`_seconds`, `_total` for counters) and labels with a bounded set of values (never ids, URLs or user input),
 * then record it through a method of this service (see `webhookAttempt`).
 *
 * On hot paths, bind the labels once (`metric.labels(...)`): recording is then one addition, no allocation.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private socketCount: () => number = () => 0;

  private readonly httpRequests = new Counter({
    name: 'chat_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'chat_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its response, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly messagesSent = new Counter({
    name: 'chat_messages_sent_total',
    help: 'Messages stored and delivered, by kind (a retried send counts once)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly sendDuration = new Histogram({
    name: 'chat_message_send_duration_seconds',
    help: 'Time from receiving a send (socket event or HTTP request handler) to its acknowledgement, by transport',
    labelNames: ['transport'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly logins = new Counter({
    name: 'chat_logins_total',
    help: 'Sign-in attempts by method (password, sso) and outcome (success or the refusal code)',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'chat_rate_limited_total',
    help: 'Requests and socket events refused with 429, by transport',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });
  private readonly webhookAttempts = new Counter({
    name: 'chat_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry (failed, tried again later) or failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly webhooksPaused = new Counter({
    name: 'chat_webhook_endpoints_paused_total',
    help: 'Webhook endpoints paused after failing repeatedly',
    registers: [this.registry],
  });

  /** Bound once, so recording a send allocates nothing (and every series exists from the start, at 0). */
  private readonly sentByKind = Object.fromEntries(
    MESSAGE_KINDS.map((kind) => [kind, this.messagesSent.labels(kind)]),
  ) as Record<MessageKind, Counter.Internal>;
  readonly sendTimers: Record<SendTransport, Histogram.Internal<'transport'>> = {
    socket: this.sendDuration.labels('socket'),
    http: this.sendDuration.labels('http'),
  };

  constructor() {
    const sockets = () => this.socketCount();
    new Gauge({
      name: 'chat_sockets_connected',
      help: 'Socket.IO connections open on this instance',
      registers: [this.registry],
      collect() {
        this.set(sockets());
      },
    });
    // process_* and nodejs_* (CPU, memory, handles, GC, event-loop lag), read when scraped.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The realtime gateway says how to count this instance's sockets (read when scraped). */
  countSocketsWith(count: () => number): void {
    this.socketCount = count;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
    if (status === 429) this.rateLimited.inc({ transport: 'http' });
  }

  socketRateLimited(): void {
    this.rateLimited.inc({ transport: 'socket' });
  }

  messageSent(kind: MessageKind): void {
    this.sentByKind[kind].inc();
  }

  webhookAttempt(outcome: 'delivered' | 'retry' | 'failed'): void {
    this.webhookAttempts.inc({ outcome });
  }

  webhookPaused(): void {
    this.webhooksPaused.inc();
  }

  login(method: LoginMethod, outcome: string): void {
    this.logins.inc({ method, outcome });
  }

  /** The text format Prometheus scrapes, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
