// The load generator: forked by run.mjs (its own process, so its CPU work does not share an event loop with
// the server). Real socket.io-client connections. Jobs arrive over IPC ({type: 'job', id, name, args}) and are
// answered with {type: 'done', id, result} or {type: 'failed', id, error}. It asks the runner for server memory
// figures with {type: 'measure'}.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import mongoose from 'mongoose';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text) => process.send({ type: 'log', text });

// ---------------------------------------------------------------------------------------------------------------
// Figures

export function summarize(values) {
  if (values.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (v) => Math.round(v * 100) / 100;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sum / sorted.length),
  };
}

/** Latency histogram in fixed buckets (ms, upper bounds), the same for every run so they can be compared. */
export const BUCKETS = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 200, 500, 1000, Infinity];
function histogram(values) {
  const counts = BUCKETS.map(() => 0);
  for (const v of values) counts[BUCKETS.findIndex((b) => v <= b)] += 1;
  return BUCKETS.map((le, i) => ({ le: le === Infinity ? null : le, count: counts[i] }));
}

/** Runs fn over items with at most `limit` at once. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Targets: the app (REST + authenticated sockets) and the bare relay (no auth, no storage)

const runTag = Date.now().toString(36);
let sequence = 0;
const newClientId = (tag) => `bench-${runTag}-${tag}-${(sequence += 1).toString(36)}`;

class AppTarget {
  kind = 'app';
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  async api(method, path, token, body, expected = [200, 201, 204]) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(this.baseUrl + path, {
          method,
          headers: {
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
        return text ? JSON.parse(text) : null;
      } catch (error) {
        // A socket hang-up under load is retried a few times; a wrong status is not.
        if (attempt >= 3 || /: \d{3} /.test(error.message)) throw error;
        await sleep(200 * (attempt + 1));
      }
    }
  }
  async signUp(i) {
    const username = `b${runTag}${i}`;
    const body = await this.api('POST', '/api/auth/signup', null, {
      username,
      email: `${username}@bench.example.com`,
      password: 'correct horse battery staple',
    });
    return { id: body.user.id, token: body.accessToken, username };
  }
  async befriend(a, b) {
    const req = await this.api('POST', '/api/friends/requests', a.token, { to: b.id });
    if (req.status !== 'accepted') await this.api('POST', `/api/friends/requests/${req.id}/accept`, b.token);
  }
  async openConversation(a, b) {
    return (await this.api('POST', '/api/conversations', a.token, { userId: b.id })).id;
  }
  socket(user, options = {}) {
    return io(this.baseUrl, {
      auth: { token: user.token },
      transports: ['websocket'],
      forceNew: true,
      ...options,
    });
  }
  /** Pages of a conversation newer than `after` (oldest first), or the newest page when after is null. */
  async messagesAfter(user, conversationId, after) {
    const items = [];
    let cursor = after;
    for (;;) {
      const query = cursor ? `?after=${cursor}&limit=100` : '?limit=100';
      const page = await this.api('GET', `/api/conversations/${conversationId}/messages${query}`, user.token);
      items.push(...(cursor ? page.items : page.items.reverse()));
      if (!cursor || !page.nextCursor) return items;
      cursor = page.nextCursor;
    }
  }
  /** Every message of a conversation, newest first: pages of 100 `before` the oldest so far. */
  async allMessages(user, conversationId) {
    const items = [];
    for (let cursor = null; ;) {
      const query = cursor ? `?before=${cursor}&limit=100` : '?limit=100';
      const page = await this.api('GET', `/api/conversations/${conversationId}/messages${query}`, user.token);
      items.push(...page.items);
      if (!page.nextCursor) return items;
      cursor = page.nextCursor;
    }
  }
}

class RelayTarget {
  kind = 'relay';
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  socket(user, options = {}) {
    return io(this.baseUrl, { auth: { userId: user.id }, transports: ['websocket'], forceNew: true, ...options });
  }
}

const connected = (socket) =>
  socket.connected ? Promise.resolve() : new Promise((resolve) => socket.once('connect', () => resolve()));

function openSocket(target, user, options) {
  const socket = target.socket(user, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (socket.disconnect(), reject(new Error('connect timeout'))), 60_000);
    socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
    if (options?.reconnection === false)
      socket.once('connect_error', (e) => (clearTimeout(timer), socket.disconnect(), reject(e)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// State kept between jobs

let target = null;
/** App users (signed up) or relay users (made up), and the friend pairs with their conversation. */
let users = [];
let pairs = [];

async function setup({ kind, baseUrl, pairs: pairCount, extraUsers = 0, signupConcurrency = 4 }) {
  target = kind === 'app' ? new AppTarget(baseUrl) : new RelayTarget(baseUrl);
  const userCount = pairCount * 2 + extraUsers;
  const started = performance.now();
  if (kind === 'relay') {
    users = Array.from({ length: userCount }, (_, i) => ({ id: `u${i}` }));
    pairs = Array.from({ length: pairCount }, (_, i) => ({
      a: users[2 * i],
      b: users[2 * i + 1],
      conversationId: `c${i}`,
    }));
    return { users: userCount, pairs: pairCount };
  }
  let done = 0;
  users = await pool(
    Array.from({ length: userCount }, (_, i) => i),
    signupConcurrency,
    async (i) => {
      const user = await target.signUp(i);
      if (++done % 200 === 0) log(`  signed up ${done}/${userCount}`);
      return user;
    },
  );
  const signupMs = performance.now() - started;
  pairs = await pool(
    Array.from({ length: pairCount }, (_, i) => i),
    8,
    async (i) => {
      const [a, b] = [users[2 * i], users[2 * i + 1]];
      await target.befriend(a, b);
      return { a, b, conversationId: await target.openConversation(a, b) };
    },
  );
  return {
    users: userCount,
    pairs: pairCount,
    signupSeconds: Math.round(signupMs / 100) / 10,
    signupsPerSecond: Math.round((userCount / signupMs) * 1000 * 10) / 10,
    setupSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery load: every pair sends `rate` messages/s (alternating sender) for `duration` seconds.

/** One connected socket per user of the pairs, with the handlers a load run needs. */
class Session {
  constructor(options) {
    this.options = options;
    this.sockets = new Map();
    this.run = null;
  }
  async open(pairList) {
    const members = pairList.flatMap((p) => [
      { user: p.a, pair: p },
      { user: p.b, pair: p },
    ]);
    await pool(members, 100, async ({ user, pair }) => {
      const socket = target.socket(user, this.options);
      const state = { user, pair, socket, lastSeen: null, connects: 0 };
      socket.on('message:new', ({ message }) => this.onMessage(state, message));
      socket.on('connect', () => {
        state.connects += 1;
        // After a reconnection: catch up on what was sent meanwhile, as the SPA does.
        if (state.connects > 1 && this.run?.catchUp) void this.catchUp(state);
      });
      this.sockets.set(user.id, state);
      await connected(socket);
    });
  }
  onMessage(state, message) {
    if (!state.lastSeen || message.id > state.lastSeen) state.lastSeen = message.id;
    const run = this.run;
    if (!run || message.senderId === state.user.id) return;
    const sent = run.sent.get(message.clientId);
    if (!sent) return;
    const seen = run.live.get(message.clientId) ?? 0;
    run.live.set(message.clientId, seen + 1);
    if (seen === 0) {
      if (!run.received.has(message.clientId)) run.latencies.push(performance.now() - sent.at);
      run.received.add(message.clientId);
    } else run.liveDuplicates += 1;
  }
  async catchUp(state) {
    const run = this.run;
    const after = state.lastSeen;
    try {
      const items = await target.messagesAfter(state.user, state.pair.conversationId, after);
      run.catchUps += 1;
      for (const m of items) {
        if (!state.lastSeen || m.id > state.lastSeen) state.lastSeen = m.id;
        if (m.senderId !== state.user.id && run.sent.has(m.clientId) && !run.received.has(m.clientId)) {
          run.received.add(m.clientId);
          run.caughtUp += 1;
        }
      }
    } catch {
      run.catchUpErrors += 1;
    }
  }
  close() {
    for (const { socket } of this.sockets.values()) socket.disconnect();
    this.sockets.clear();
  }
}

/** The SPA's wait after a busy refusal (frontend/src/app/chat/state/send-backoff.ts): doubling, jittered ×1–2. */
function busyBackoffMs(retryAfterMs, refusals) {
  return Math.round(Math.min(8_000, retryAfterMs * 2 ** Math.min(refusals, 10)) * (1 + Math.random()));
}

/**
 * Sends for `duration` seconds at `rate` per pair. `retry`: ack timeout then retry with the same clientId after
 * reconnecting (the app's client contract). Without it (the "default Socket.IO" client) a send is fire and forget.
 */
async function loadRun(session, pairList, { rate, duration, retry, ackTimeoutMs = 5_000, chaos = null, tag }) {
  const run = {
    sent: new Map(),
    live: new Map(),
    received: new Set(),
    latencies: [],
    ackLatencies: [],
    acked: 0,
    ackErrors: 0,
    retries: 0,
    liveDuplicates: 0,
    catchUp: Boolean(chaos && retry),
    catchUps: 0,
    caughtUp: 0,
    catchUpErrors: 0,
    storedIds: new Map(),
    gaveUp: 0,
    busy: 0,
    behind: 0,
  };
  session.run = run;
  const cpuBefore = await measure('cpu');
  const ownCpuBefore = process.cpuUsage();
  const interval = 1000 / rate;
  const started = performance.now();
  const end = started + duration * 1000;
  const inFlight = new Set();

  const sendOne = async (pair, index) => {
    const from = index % 2 === 0 ? pair.a : pair.b;
    const to = from === pair.a ? pair.b : pair.a;
    const state = session.sockets.get(from.id);
    const clientId = newClientId(tag);
    const at = performance.now();
    run.sent.set(clientId, { at, pair, from: state });
    const payload = { conversationId: pair.conversationId, clientId, text: `bench ${clientId}` };
    // The relay needs to know the recipient; the app refuses unknown fields.
    if (target.kind === 'relay') payload.to = to.id;
    if (!retry) {
      state.socket.emit('message:send', payload);
      return;
    }
    let busyRefusals = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      if (attempt > 0) run.retries += 1;
      await connected(state.socket);
      try {
        // The ack timeout doubles with each attempt (capped), so a slow server is not buried under retries.
        const timeout = Math.min(ackTimeoutMs * 2 ** attempt, 30_000);
        const ack = await state.socket.timeout(timeout).emitWithAck('message:send', payload);
        if (ack?.ok) {
          run.acked += 1;
          run.ackLatencies.push(performance.now() - at);
          run.storedIds.set(clientId, ack.message.id);
          return;
        }
        if (ack?.error?.code === 'busy') {
          // The server is over its cap of sends at once: back off with jitter, as the SPA does.
          run.busy += 1;
          await sleep(busyBackoffMs(ack.error.retryAfterMs, busyRefusals++));
          continue;
        }
        run.ackErrors += 1;
        run.lastAckError = ack?.error;
        const status = ack?.error?.statusCode;
        if (status && status < 500 && status !== 429) return;
        await sleep(ack?.error?.retryAfterMs ?? 100);
      } catch {
        // No ack in time (the connection dropped or the server is slow): retry with the same clientId.
      }
    }
    run.gaveUp += 1;
  };

  // One timer per pair, each with a random phase so sends are spread over the interval. Like the SPA, a pair has at
  // most one send in flight: a tick that finds the previous one still pending (acked, given up or backing off) skips
  // its send and counts it as `behind`, instead of piling more sends onto an overloaded server.
  const timers = pairList.map((pair) => {
    let index = Math.floor(Math.random() * 2);
    let pending = false;
    const tick = () => {
      if (performance.now() >= end) return;
      if (pending) return void (run.behind += 1);
      pending = true;
      const p = sendOne(pair, index++);
      inFlight.add(p);
      p.finally(() => ((pending = false), inFlight.delete(p)));
    };
    let timer;
    const first = setTimeout(
      () => {
        tick();
        timer = setInterval(tick, interval);
      },
      Math.random() * Math.min(interval, 1000),
    );
    return () => (clearTimeout(first), clearInterval(timer));
  });

  let cuts = 0;
  let chaosTimer = null;
  if (chaos) {
    // A fixed share of the connections is flaky: each of those has its transport closed at random moments.
    const all = [...session.sockets.values()];
    const flaky = all.sort(() => Math.random() - 0.5).slice(0, Math.max(1, Math.round(all.length * chaos.fraction)));
    const tickMs = 50;
    chaosTimer = setInterval(() => {
      for (const state of flaky) {
        if (state.socket.connected && Math.random() < tickMs / chaos.meanIntervalMs) {
          state.socket.io.engine?.close();
          cuts += 1;
        }
      }
    }, tickMs);
    run.flakySockets = flaky.length;
  }

  await sleep(duration * 1000);
  timers.forEach((stop) => stop());
  if (chaosTimer) clearInterval(chaosTimer);
  const sendSeconds = (performance.now() - started) / 1000;
  const drainStart = performance.now();
  // Wait for the acks still pending (bounded), then for the last deliveries.
  const deadline = Date.now() + (retry ? 60_000 : 5_000);
  while (inFlight.size > 0 && Date.now() < deadline) await sleep(50);
  const idleUntil = Date.now() + 3_000;
  let lastCount = -1;
  while (Date.now() < idleUntil && run.received.size < run.sent.size) {
    if (lastCount === run.received.size) await sleep(250);
    else ((lastCount = run.received.size), await sleep(250));
  }
  const drainMs = performance.now() - drainStart;
  const cpuAfter = await measure('cpu');
  const own = process.cpuUsage(ownCpuBefore);
  const perMessage = (a, b) => (a !== null && b !== null && run.sent.size ? (b - a) / run.sent.size : null);
  const cpu = {
    serverMsPerMessage: perMessage(cpuBefore.serverMs, cpuAfter.serverMs),
    engineMsPerMessage: perMessage(cpuBefore.engineMs, cpuAfter.engineMs),
    loadGeneratorMsPerMessage: run.sent.size ? (own.user + own.system) / 1000 / run.sent.size : null,
  };
  return { run, sendSeconds, drainMs, cuts, pendingAtEnd: inFlight.size, cpu };
}

function deliveryFigures({ run, sendSeconds, drainMs, cuts, pendingAtEnd, cpu }, extra = {}) {
  const attempted = run.sent.size;
  const receivedLive = [...run.live.keys()].length;
  return {
    attempted,
    sentPerSecond: Math.round(attempted / sendSeconds),
    acked: run.acked,
    ackErrors: run.ackErrors,
    retries: run.retries,
    busy: run.busy,
    behind: run.behind,
    gaveUp: run.gaveUp,
    pendingAtEnd,
    receivedLive,
    receivedTotal: run.received.size,
    lost: attempted - run.received.size,
    lostPercent: attempted ? Math.round(((attempted - run.received.size) / attempted) * 10000) / 100 : 0,
    liveDuplicates: run.liveDuplicates,
    exactlyOnce: run.received.size === attempted && run.liveDuplicates === 0,
    latencyMs: summarize(run.latencies),
    ackLatencyMs: summarize(run.ackLatencies),
    histogram: histogram(run.latencies),
    drainMs: Math.round(drainMs),
    cpuMsPerMessage: Object.fromEntries(
      Object.entries(cpu).map(([k, v]) => [
        k.replace('MsPerMessage', ''),
        v === null ? null : Math.round(v * 1000) / 1000,
      ]),
    ),
    ...(cuts ? { cuts, flakySockets: run.flakySockets } : {}),
    ...(run.lastAckError ? { lastAckError: run.lastAckError } : {}),
    ...extra,
  };
}

async function delivery({ pairs: n, rate, duration }) {
  const list = pairs.slice(0, n);
  const session = new Session({ reconnection: true });
  await session.open(list);
  await sleep(500);
  const result = await loadRun(session, list, { rate, duration, retry: true, tag: 'd' });
  session.close();
  await sleep(500);
  return deliveryFigures(result, { pairs: list.length, ratePerPair: rate, durationSeconds: duration });
}

/** Raises the total rate step by step until p99 passes the limit (or deliveries or sends fall behind). */
async function throughput({ pairs: n, startRate, factor, stepSeconds, maxSteps, p99LimitMs, maxRatePerPair }) {
  const list = pairs.slice(0, n);
  const session = new Session({ reconnection: true });
  await session.open(list);
  await sleep(500);
  const steps = [];
  let rate = startRate;
  let best = null;
  let retried = false;
  for (let i = 0; i < maxSteps && rate <= maxRatePerPair; i++, rate *= factor) {
    const result = await loadRun(session, list, {
      rate,
      duration: stepSeconds,
      retry: true,
      ackTimeoutMs: 10_000,
      tag: `t${i}`,
    });
    const figures = deliveryFigures(result);
    const target_ = Math.round(rate * list.length);
    const deliveredPerSecond = Math.round(figures.receivedTotal / result.sendSeconds);
    const step = {
      targetPerSecond: target_,
      sentPerSecond: figures.sentPerSecond,
      deliveredPerSecond,
      p50: figures.latencyMs.p50,
      p99: figures.latencyMs.p99,
      max: figures.latencyMs.max,
      lost: figures.lost,
      cpuMsPerMessage: figures.cpuMsPerMessage,
    };
    const sustained =
      figures.latencyMs.p99 !== null &&
      figures.latencyMs.p99 <= p99LimitMs &&
      figures.lost === 0 &&
      figures.sentPerSecond >= 0.9 * target_;
    step.sustained = sustained;
    steps.push(step);
    log(
      `  step ${i + 1}: ${target_}/s → p99 ${step.p99} ms, delivered ${deliveredPerSecond}/s${sustained ? '' : ' (limit)'}`,
    );
    if (!sustained && !retried && figures.lost === 0) {
      // One more try at the same rate: on a shared machine a single stall decides a short step's p99.
      retried = true;
      rate /= factor;
      i -= 1;
      await sleep(1_000);
      continue;
    }
    if (!sustained) break;
    retried = false;
    best = step;
    await sleep(1_000);
  }
  session.close();
  await sleep(1_000);
  return {
    pairs: list.length,
    p99LimitMs,
    stepSeconds,
    steps,
    maxSustainedPerSecond: best ? best.deliveredPerSecond : 0,
    reachedLimit: steps.length > 0 && !steps[steps.length - 1].sustained,
  };
}

/** The delivery load with a share of the connections cut at random moments; checks storage for the app. */
async function faults({ pairs: n, rate, duration, fraction, meanIntervalMs, retry }) {
  const list = pairs.slice(0, n);
  // Socket.IO's default reconnection (about 1 s, jittered, growing to 5 s): a cut is an outage, not a blip.
  const session = new Session({ reconnection: true });
  await session.open(list);
  await sleep(500);
  const result = await loadRun(session, list, {
    rate,
    duration,
    retry,
    ackTimeoutMs: 2_000,
    chaos: { fraction, meanIntervalMs },
    tag: retry ? 'f' : 'g',
  });
  const { run } = result;
  let stored = null;
  if (target.kind === 'app') {
    // Everyone reconnected: a last catch-up, then what the database holds for this run, by clientId.
    await Promise.all([...session.sockets.values()].map((s) => connected(s.socket)));
    await pool([...session.sockets.values()], 20, (s) => session.catchUp(s));
    const counts = new Map();
    await pool(list, 10, async (pair) => {
      const items = await target.allMessages(pair.a, pair.conversationId);
      for (const m of items) if (run.sent.has(m.clientId)) counts.set(m.clientId, (counts.get(m.clientId) ?? 0) + 1);
    });
    stored = {
      storedUnique: counts.size,
      storedDuplicates: [...counts.values()].filter((c) => c > 1).length,
      notStored: run.sent.size - counts.size,
    };
  }
  session.close();
  await sleep(500);
  const figures = deliveryFigures(result, {
    pairs: list.length,
    ratePerPair: rate,
    durationSeconds: duration,
    client: retry ? 'ack timeout + retry with the same clientId + catch-up with after' : 'default (emit, no ack)',
    catchUps: run.catchUps,
    caughtUp: run.caughtUp,
    catchUpErrors: run.catchUpErrors,
    ...(stored ?? {}),
  });
  if (stored) figures.exactlyOnce = figures.exactlyOnce && stored.storedDuplicates === 0 && stored.notStored === 0;
  return figures;
}

// ---------------------------------------------------------------------------------------------------------------
// Connections: a connect storm of N authenticated sockets, memory at rest, presence fan-out

let measureId = 0;
const measures = new Map();
function measure(type = 'measure') {
  const id = ++measureId;
  process.send({ type, id });
  return new Promise((resolve) => measures.set(id, resolve));
}

async function connections({ sockets: count, concurrency, fanoutFriends, fanoutRepeats }) {
  const before = await measure();
  // Sockets are spread over the benchmark's users (several "tabs" per user): signing up 10,000 accounts would
  // measure argon2, not connections.
  const owners = users.slice(0, Math.max(1, users.length - 1));
  const opened = [];
  let failures = 0;
  const started = performance.now();
  const connectTimes = [];
  await pool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const t0 = performance.now();
      try {
        opened.push(await openSocket(target, owners[i % owners.length], { reconnection: false }));
        connectTimes.push(performance.now() - t0);
      } catch {
        failures += 1;
      }
      if ((i + 1) % 2000 === 0) log(`  ${i + 1}/${count} sockets`);
    },
  );
  const stormSeconds = (performance.now() - started) / 1000;
  await sleep(3_000);
  const atRest = await measure();
  const perConnection = (key) =>
    opened.length ? Math.round(((atRest.memory[key] - before.memory[key]) / opened.length) * 10) / 10 : null;
  for (const socket of opened) socket.disconnect();
  await sleep(2_000);
  const fanout = await presenceFanout(fanoutFriends, fanoutRepeats);
  return {
    sockets: count,
    opened: opened.length,
    failures,
    users: owners.length,
    concurrency,
    stormSeconds: Math.round(stormSeconds * 10) / 10,
    connectsPerSecond: Math.round(opened.length / stormSeconds),
    connectMs: summarize(connectTimes),
    serverBefore: before,
    serverAtRest: atRest,
    bytesPerConnection: {
      rss: perConnection('rss'),
      heapUsed: perConnection('heapUsed'),
      external: perConnection('external'),
    },
    presenceFanout: fanout,
  };
}

/** A user with `friends` online friends connects: time until every friend got presence:update online. */
async function presenceFanout(friends, repeats) {
  if (target.kind !== 'app') return null;
  const hub = users[users.length - 1];
  const friendUsers = users.slice(users.length - 1 - friends, users.length - 1);
  await pool(friendUsers, 8, (f) => target.befriend(hub, f));
  const friendSockets = await pool(friendUsers, 50, (f) => openSocket(target, f, { reconnection: false }));
  await sleep(1_000);
  const rounds = [];
  for (let r = 0; r < repeats; r++) {
    const arrivals = [];
    let resolveAll;
    const all = new Promise((resolve) => (resolveAll = resolve));
    const t0 = performance.now();
    const listeners = friendSockets.map((s) => {
      const listener = (p) => {
        if (p.userId !== hub.id || !p.online) return;
        s.off('presence:update', listener);
        arrivals.push(performance.now() - t0);
        if (arrivals.length === friendSockets.length) resolveAll();
      };
      s.on('presence:update', listener);
      return [s, listener];
    });
    const hubSocket = await openSocket(target, hub, { reconnection: false });
    const hubConnectMs = performance.now() - t0;
    await Promise.race([all, sleep(10_000)]);
    listeners.forEach(([s, l]) => s.off('presence:update', l));
    rounds.push({
      hubConnectMs: Math.round(hubConnectMs * 10) / 10,
      allFriendsMs: arrivals.length === friendSockets.length ? Math.round(Math.max(...arrivals) * 10) / 10 : null,
      received: arrivals.length,
      perFriendMs: summarize(arrivals),
    });
    // Offline again for everyone before the next round.
    const offline = Promise.all(
      friendSockets.map(
        (s) =>
          new Promise((resolve) => {
            const l = (p) => p.userId === hub.id && !p.online && (s.off('presence:update', l), resolve());
            s.on('presence:update', l);
            setTimeout(() => (s.off('presence:update', l), resolve()), 5_000);
          }),
      ),
    );
    hubSocket.disconnect();
    await offline;
    await sleep(300);
  }
  friendSockets.forEach((s) => s.disconnect());
  const complete = rounds.map((r) => r.allFriendsMs).filter((v) => v !== null);
  return {
    friends: friendSockets.length,
    rounds,
    allFriendsMs: summarize(complete),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Scale: every user holds `tabs` sockets (a connect storm first), and while all of them stay connected `pairs` of
// those users send `rate` messages/s each for `duration` s. A message goes to four sockets (the recipient's two tabs
// and the sender's other one): exactly once on every one of them, latency over every delivery.

/** Like Session, with every user's `tabs` sockets; the first one sends. */
class TabsSession extends Session {
  constructor(options, tabs) {
    super(options);
    this.tabs = tabs;
    /** Deliveries per socket and message: `${tab}|${clientId}`. */
    this.delivered = new Map();
    this.expected = new Map();
  }
  async open(pairList, everyone, concurrency) {
    const pairOf = new Map(
      pairList.flatMap((pair) => [
        [pair.a.id, pair],
        [pair.b.id, pair],
      ]),
    );
    const tabs = everyone.flatMap((user) => Array.from({ length: this.tabs }, (_, tab) => ({ user, tab })));
    let failures = 0;
    const started = performance.now();
    await pool(tabs, concurrency, async ({ user, tab }) => {
      const socket = target.socket(user, this.options);
      const state = { user, pair: pairOf.get(user.id), socket, tab: `${user.id}/${tab}`, lastSeen: null, connects: 0 };
      socket.on('message:new', ({ message }) => this.onMessage(state, message));
      if (tab === 0) this.sockets.set(user.id, state);
      try {
        await Promise.race([connected(socket), sleep(60_000).then(() => Promise.reject(new Error('timeout')))]);
      } catch {
        failures += 1;
      }
    });
    return { sockets: tabs.length, failures, stormSeconds: (performance.now() - started) / 1000 };
  }
  onMessage(state, message) {
    const run = this.run;
    const sent = run?.sent.get(message.clientId);
    // The sending socket gets its own message too; it has the ack.
    if (!sent || state === sent.from) return;
    const key = `${state.tab}|${message.clientId}`;
    const seen = this.delivered.get(key) ?? 0;
    this.delivered.set(key, seen + 1);
    if (seen > 0) return void (run.liveDuplicates += 1);
    run.latencies.push(performance.now() - sent.at);
    const missing = (this.expected.get(message.clientId) ?? this.tabs * 2 - 1) - 1;
    this.expected.set(message.clientId, missing);
    if (missing === 0) run.received.add(message.clientId);
  }
}

async function scale({ users: userCount, tabs, pairs: n, rate, duration, concurrency }) {
  if (users.length < userCount || pairs.length < n) throw new Error(`scale needs ${userCount} users and ${n} pairs`);
  const list = pairs.slice(0, n);
  const before = await measure();
  const session = new TabsSession({ reconnection: true }, tabs);
  const storm = await session.open(list, users.slice(0, userCount), concurrency);
  await sleep(3_000);
  const atRest = await measure();
  const connectedBefore = [...session.sockets.values()].filter((s) => s.socket.connected).length;
  const result = await loadRun(session, list, { rate, duration, retry: true, tag: 's' });
  const connectedAfter = [...session.sockets.values()].filter((s) => s.socket.connected).length;
  session.close();
  await sleep(1_000);
  const perSocket = (key) =>
    storm.sockets ? Math.round(((atRest.memory[key] - before.memory[key]) / storm.sockets) * 10) / 10 : null;
  return deliveryFigures(result, {
    users: userCount,
    tabs,
    sockets: storm.sockets,
    socketFailures: storm.failures,
    connectsPerSecond: Math.round(storm.sockets / storm.stormSeconds),
    bytesPerSocket: { rss: perSocket('rss'), heapUsed: perSocket('heapUsed') },
    senderTabsConnected: { before: connectedBefore, after: connectedAfter, of: userCount },
    socketsPerMessage: tabs * 2 - 1,
    pairs: list.length,
    ratePerPair: rate,
    durationSeconds: duration,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// History: seed straight into MongoDB, then page through one big conversation over the API

async function history({ mongoUri, conversationMessages, totalMessages, requests }) {
  const client = new mongoose.mongo.MongoClient(mongoUri);
  await client.connect();
  try {
    const db = client.db();
    const messages = db.collection('messages');
    const { ObjectId } = mongoose.mongo;
    const main = pairs[0];
    const others = pairs.slice(1);
    const conversations = db.collection('conversations');
    // Seeded messages continue each conversation's seq, as the server would number them.
    const lastSeq = new Map();
    const ids = pairs.map((pair) => new ObjectId(pair.conversationId));
    for (const doc of await conversations.find({ _id: { $in: ids } }, { projection: { lastSeq: 1 } }).toArray()) {
      lastSeq.set(doc._id.toHexString(), doc.lastSeq ?? 0);
    }
    const seedStart = performance.now();
    const batch = 5_000;
    const seeded = [];
    for (let done = 0; done < totalMessages;) {
      const docs = [];
      for (let i = 0; i < batch && done < totalMessages; i++, done++) {
        // Every tenth message goes to the big conversation until it holds its share; the rest to the others.
        const inMain = done % Math.round(totalMessages / conversationMessages) === 0 || others.length === 0;
        const pair = inMain ? main : others[done % others.length];
        const sender = done % 2 === 0 ? pair.a : pair.b;
        const _id = new ObjectId();
        if (pair === main) seeded.push(_id.toHexString());
        const seq = (lastSeq.get(pair.conversationId) ?? 0) + 1;
        lastSeq.set(pair.conversationId, seq);
        docs.push({
          _id,
          conversationId: new ObjectId(pair.conversationId),
          seq,
          senderId: new ObjectId(sender.id),
          clientId: `seed-${runTag}-${done}`,
          kind: 'text',
          text: `seeded message ${done} with a bit of text so it is not empty`,
          media: null,
          createdAt: new Date(),
          editedAt: null,
          deletedAt: null,
          applied: true,
          __v: 0,
        });
      }
      await messages.insertMany(docs, { ordered: false });
      if (done % 50_000 === 0) log(`  seeded ${done}/${totalMessages}`);
    }
    await conversations.bulkWrite(
      [...lastSeq].map(([id, seq]) => ({
        updateOne: { filter: { _id: new ObjectId(id) }, update: { $max: { lastSeq: seq } } },
      })),
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const inConversation = await messages.countDocuments({ conversationId: new ObjectId(main.conversationId) });
    const total = await messages.estimatedDocumentCount();
    let engine = 'unknown';
    try {
      const info = await db.admin().command({ buildInfo: 1 });
      engine = info.version ?? 'unknown';
    } catch {
      // the embedded engine may not answer buildInfo
    }

    const timed = async (query) => {
      const t0 = performance.now();
      const page = await target.api('GET', `/api/conversations/${main.conversationId}/messages${query}`, main.a.token);
      if (page.items.length !== 50) throw new Error(`a page of ${page.items.length}, not 50`);
      return performance.now() - t0;
    };
    await timed('?limit=50'); // warm-up
    const newest = [];
    const deeper = [];
    for (let i = 0; i < requests; i++) {
      if (i % 2 === 0) newest.push(await timed('?limit=50'));
      else {
        const before = seeded[50 + Math.floor(Math.random() * (seeded.length - 50))];
        deeper.push(await timed(`?before=${before}&limit=50`));
      }
    }
    return {
      conversationMessages: inConversation,
      totalMessages: total,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      seedPerSecond: Math.round(totalMessages / seedSeconds),
      engineVersion: engine,
      newestPageMs: summarize(newest),
      olderPageMs: summarize(deeper),
      allPagesMs: summarize([...newest, ...deeper]),
    };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Groups: one group of `members` people, each with a socket; messages from members in turn fan out to all of them.
// Then (the app only) the chat list of someone in many conversations.

async function groups({ members: size, rate, duration, listConversations, listRequests }) {
  const members = Array.from({ length: size }, (_, i) => users[i] ?? { id: `u${i}` });
  if (target.kind === 'app' && users.length < size) throw new Error(`a group of ${size} needs ${size} users`);
  const conversationId = target.kind === 'app' ? await createBenchGroup(members) : 'g0';
  const sockets = await pool(members, 50, async (user) => {
    const socket = target.socket(user, { reconnection: false });
    await connected(socket);
    return { user, socket };
  });
  const sent = new Map();
  const toEach = [];
  const toAll = [];
  const ackLatencies = [];
  let duplicates = 0;
  let acked = 0;
  let ackErrors = 0;
  for (const { user, socket } of sockets) {
    socket.on('message:new', ({ message }) => {
      const s = sent.get(message.clientId);
      if (!s || message.senderId === user.id) return;
      if (s.by.has(user.id)) return void (duplicates += 1);
      s.by.add(user.id);
      const ms = performance.now() - s.at;
      toEach.push(ms);
      if (s.by.size === size - 1) toAll.push(ms);
    });
  }
  await sleep(500);
  const cpuBefore = await measure('cpu');
  const ownBefore = process.cpuUsage();
  const inFlight = new Set();
  const sendOne = async (index) => {
    const { user, socket } = sockets[index % size];
    const clientId = newClientId('g');
    const at = performance.now();
    sent.set(clientId, { at, by: new Set() });
    const payload = { conversationId, clientId, text: `bench ${clientId}` };
    if (target.kind === 'relay') payload.to = members.filter((m) => m !== user).map((m) => m.id);
    try {
      const ack = await socket.timeout(30_000).emitWithAck('message:send', payload);
      if (ack?.ok) ((acked += 1), ackLatencies.push(performance.now() - at));
      else ackErrors += 1;
    } catch {
      ackErrors += 1;
    }
  };
  const started = performance.now();
  let index = 0;
  const timer = setInterval(() => {
    const p = sendOne(index++);
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }, 1000 / rate);
  await sleep(duration * 1000);
  clearInterval(timer);
  const sendSeconds = (performance.now() - started) / 1000;
  while (inFlight.size > 0) await sleep(50);
  const expected = sent.size * (size - 1);
  for (let idle = 0, last = -1; toEach.length < expected && idle < 12; idle = toEach.length === last ? idle + 1 : 0) {
    last = toEach.length;
    await sleep(250);
  }
  const cpuAfter = await measure('cpu');
  const own = process.cpuUsage(ownBefore);
  for (const { socket } of sockets) socket.disconnect();
  const perMessage = (a, b) =>
    a !== null && b !== null && sent.size ? Math.round(((b - a) / sent.size) * 1000) / 1000 : null;
  const fanout = {
    members: size,
    ratePerSecond: rate,
    durationSeconds: duration,
    sentPerSecond: Math.round((sent.size / sendSeconds) * 10) / 10,
    attempted: sent.size,
    acked,
    ackErrors,
    deliveriesExpected: expected,
    delivered: toEach.length,
    lost: expected - toEach.length,
    duplicates,
    exactlyOnce: toEach.length === expected && duplicates === 0,
    latencyToEachMs: summarize(toEach),
    latencyToAllMs: summarize(toAll),
    ackLatencyMs: summarize(ackLatencies),
    cpuMsPerMessage: {
      server: perMessage(cpuBefore.serverMs, cpuAfter.serverMs),
      engine: perMessage(cpuBefore.engineMs, cpuAfter.engineMs),
      loadGenerator: sent.size ? Math.round(((own.user + own.system) / 1000 / sent.size) * 1000) / 1000 : null,
    },
  };
  if (target.kind !== 'app') return { fanout };
  return { fanout, conversationList: await conversationList(members, listConversations, listRequests) };
}

/** The first member owns the group and befriends the others (the first of them is its pair already). */
async function createBenchGroup(members) {
  const [owner, ...rest] = members;
  await pool(rest.slice(1), 8, (user) => target.befriend(owner, user));
  const group = await target.api('POST', '/api/conversations', owner.token, {
    userIds: rest.map((user) => user.id),
    name: 'Bench group',
  });
  return group.id;
}

/**
 * The chat list of someone in `count` more conversations (small groups, a tenth of them left, which the list
 * shows read-only too): the first page, and every page of 100.
 */
async function conversationList(members, count, requests) {
  const [owner, a, b] = members;
  await pool(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const group = await target.api('POST', '/api/conversations', owner.token, {
        userIds: [a.id, b.id],
        name: `Bench list ${i}`,
      });
      if (i % 10 === 0) await target.api('DELETE', `/api/conversations/${group.id}/members/${owner.id}`, owner.token);
    },
  );
  const timed = async (query) => {
    const t0 = performance.now();
    const page = await target.api('GET', `/api/conversations${query}`, owner.token);
    return { ms: performance.now() - t0, page };
  };
  await timed(''); // warm-up
  const firstPage = [];
  for (let i = 0; i < requests; i++) firstPage.push((await timed('')).ms);
  const walks = [];
  let listed = 0;
  let pages = 0;
  for (let i = 0; i < Math.max(1, Math.round(requests / 10)); i++) {
    let cursor = null;
    const t0 = performance.now();
    [listed, pages] = [0, 0];
    do {
      const { page } = await timed(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      listed += page.items.length;
      pages += 1;
      cursor = page.nextCursor;
    } while (cursor);
    walks.push(performance.now() - t0);
  }
  return {
    conversations: listed,
    formerGroups: Math.ceil(count / 10),
    firstPageMs: summarize(firstPage),
    everyPageMs: { pages, ...summarize(walks) },
  };
}

// ---------------------------------------------------------------------------------------------------------------

const jobs = { setup, delivery, throughput, faults, connections, groups, scale, history };

process.on('message', async (msg) => {
  if (msg.type === 'measured') return (measures.get(msg.id)?.(msg.data), measures.delete(msg.id));
  if (msg.type === 'exit') process.exit(0);
  if (msg.type !== 'job') return;
  try {
    const result = await jobs[msg.name](msg.args);
    process.send({ type: 'done', id: msg.id, result });
  } catch (error) {
    process.send({ type: 'failed', id: msg.id, error: error.stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
