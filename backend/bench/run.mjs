// npm run bench [-- --quick] [--pairs=500] [--rate=1] [--duration=60] [--sockets=10000] [--scenario=delivery,...]
//
// Starts the bare Socket.IO relay (the baseline) and then the app (built server, one instance, embedded engine in
// memory or MONGODB_URI) on 127.0.0.1, each on a free port, and drives them from a load generator forked as its
// own process. Writes backend/bench/results/<date>.json and .md (+ a latency histogram .svg). See README.md here.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ALL = ['delivery', 'throughput', 'connections', 'faults', 'groups', 'scale', 'history'];

// ---------------------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const flags = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg} (see backend/bench/README.md)`);
    flags[m[1]] = m[2] ?? 'true';
  }
  const quick = flags.quick === 'true';
  const num = (name, fallback) => {
    if (flags[name] === undefined) return fallback;
    const value = Number(flags[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const scenarios = flags.scenario ? flags.scenario.split(',').map((s) => s.trim()) : ALL;
  for (const s of scenarios) if (!ALL.includes(s)) throw new Error(`Unknown scenario ${s}: one of ${ALL.join(', ')}`);
  const pairs = num('pairs', quick ? 50 : 500);
  const rate = num('rate', 1);
  const duration = num('duration', quick ? 6 : 60);
  return {
    quick,
    scenarios,
    pairs,
    rate,
    duration,
    sockets: num('sockets', quick ? 1_000 : 10_000),
    throughput: {
      pairs,
      // Start the ramp at 25 messages/s in total (not at --rate per pair), so a server that can't take the delivery
      // load at full scale still gets a sustained figure.
      startRate: Math.min(rate, 25 / pairs),
      factor: 2,
      stepSeconds: num('step', quick ? 3 : 15),
      maxSteps: quick ? 8 : 10,
      p99LimitMs: 100,
      // The app allows 30 sends/s per user (burst 120); pairs alternate senders, so 60/s per pair at most.
      maxRatePerPair: 56,
    },
    faults: {
      pairs: Math.min(pairs, quick ? 50 : 200),
      rate,
      duration: quick ? 6 : Math.min(duration, 60),
      fraction: 0.1,
      meanIntervalMs: quick ? 1_500 : 3_000,
    },
    groups: {
      members: 100,
      rate: quick ? 5 : 10,
      duration: quick ? 6 : 60,
      listConversations: quick ? 100 : 500,
      listRequests: quick ? 30 : 100,
    },
    connections: { concurrency: quick ? 100 : 200, fanoutFriends: 200, fanoutRepeats: quick ? 3 : 10 },
    // The acceptance scale: 10,000 sockets of 5,000 users (two tabs each) while 1,000 pairs send 1 message/s.
    scale: {
      users: quick ? 400 : 5_000,
      tabs: 2,
      pairs: quick ? 100 : 1_000,
      rate: 1,
      duration: quick ? 6 : 60,
      concurrency: quick ? 100 : 200,
    },
    history: {
      conversationMessages: quick ? 2_000 : 20_000,
      totalMessages: quick ? 20_000 : 200_000,
      requests: quick ? 60 : 400,
      scaledDown: quick,
    },
    mongoUri: process.env.MONGODB_URI || null,
    /** --profile: the server runs with --cpu-prof; the report lists where its CPU time went. */
    profile: flags.profile === 'true',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes (every one of them is stopped in cleanup(), also on Ctrl-C or an error)

const children = new Set();
let embedded = null;

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child printed, for the error message when it dies. */
function tail(child) {
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

function stopChild(child, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => (clearTimeout(killer), resolve()));
    child.kill('SIGTERM');
  });
}

async function cleanup() {
  await Promise.all([...children].map((c) => stopChild(c)));
  children.clear();
  if (embedded) await embedded.stop().catch(() => undefined);
  embedded = null;
}

async function startRelay() {
  const port = await freePort();
  const relay = spawn(process.execPath, [join(here, 'relay.mjs')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(relay);
  const output = tail(relay);
  await new Promise((resolve, reject) => {
    relay.stdout.on('data', (c) => c.toString().includes('READY') && resolve());
    relay.once('exit', (code) => reject(new Error(`the relay exited (${code}): ${output()}`)));
  });
  return { process: relay, baseUrl: `http://127.0.0.1:${port}` };
}

function ensureBuilt() {
  if (existsSync(join(root, 'dist', 'backend', 'main.js'))) return;
  console.log('dist/backend/main.js is missing: building the server (nest build)…');
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build'], { cwd: root, stdio: 'inherit' });
}

async function startApp(mongoUri, dataDir, profileDir) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGODB_URI: mongoUri,
    DATA_DIR: dataDir,
    JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789abcdef',
    ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600),
    AUTH_RATE_LIMIT: '1000000',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    APP_URL: `http://127.0.0.1:${port}`,
  };
  delete env.REDIS_URL;
  delete env.SMTP_URL;
  delete env.CLOUDINARY_URL;
  const app = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--require',
      join(here, 'metrics-preload.cjs'),
      join(root, 'dist', 'backend', 'main.js'),
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  children.add(app);
  const output = tail(app);
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (app.exitCode !== null || app.signalCode !== null) throw new Error(`the server exited: ${output()}`);
    const ok = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`the server did not become ready: ${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { process: app, baseUrl, output };
}

/** The server's memory after a full GC (over IPC) and its RSS from /proc, plus the embedded engine's RSS. */
function serverMemory(app) {
  return new Promise((resolve) => {
    const id = Math.random();
    const timer = setTimeout(() => (app.off('message', on), resolve({ memory: null })), 10_000);
    const on = (msg) => {
      if (msg?.type !== 'memory' || msg.id !== id) return;
      clearTimeout(timer);
      app.off('message', on);
      resolve({ memory: msg.memory, procRss: procRss(app.pid), engineRss: engineRss() });
    };
    app.on('message', on);
    app.send({ type: 'memory', id });
  });
}

function procRss(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process has used so far. */
function procCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

/** The embedded engine is a java child of this process. */
function enginePid() {
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const kids = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/);
      for (const pid of kids.filter(Boolean)) {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'java') return pid;
      }
    }
  } catch {
    // not Linux
  }
  return null;
}

function engineRss() {
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const kids = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/);
      for (const pid of kids.filter(Boolean)) {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'java') return procRss(pid);
      }
    }
  } catch {
    // not Linux
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The load generator

function startLoadgen(onMeasure, cpuPids) {
  const child = fork(join(here, 'loadgen.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const pending = new Map();
  let next = 0;
  child.on('message', async (msg) => {
    if (msg.type === 'log') console.log(msg.text);
    else if (msg.type === 'measure') child.send({ type: 'measured', id: msg.id, data: await onMeasure() });
    else if (msg.type === 'cpu') {
      const { server, engine } = cpuPids();
      const data = { serverMs: server ? procCpuMs(server) : null, engineMs: engine ? procCpuMs(engine) : null };
      child.send({ type: 'measured', id: msg.id, data });
    } else if (msg.type === 'done') pending.get(msg.id)?.resolve(msg.result);
    else if (msg.type === 'failed') pending.get(msg.id)?.reject(new Error(msg.error));
  });
  child.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`the load generator exited (${code})`));
  });
  return {
    job(name, args) {
      const id = ++next;
      child.send({ type: 'job', id, name, args });
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject })).finally(() => pending.delete(id));
    },
    stop: () => stopChild(child, 2_000),
  };
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const has = (s) => options.scenarios.includes(s);
  const started = Date.now();
  const results = {
    date: new Date().toISOString(),
    preset: options.quick ? 'quick' : 'full',
    options,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    commit: gitCommit(),
    baseline: {},
    app: {},
    errors: [],
  };
  const step = async (section, name, fn) => {
    const t0 = Date.now();
    console.log(`[${section}] ${name}…`);
    try {
      results[section][name] = await fn();
    } catch (error) {
      console.error(`[${section}] ${name} failed: ${error.message}`);
      results.errors.push({ section, name, error: error.message.split('\n').slice(0, 5).join('\n') });
    }
    console.log(`[${section}] ${name} done in ${Math.round((Date.now() - t0) / 100) / 10} s`);
  };

  // 1. The baseline: a bare Socket.IO relay under the same delivery load.
  if (has('delivery') || has('throughput') || has('faults') || has('groups')) {
    const relay = await startRelay();
    const load = startLoadgen(
      async () => ({ memory: null }),
      () => ({ server: relay.process.pid }),
    );
    await load.job('setup', { kind: 'relay', baseUrl: relay.baseUrl, pairs: options.pairs });
    if (has('delivery'))
      await step('baseline', 'delivery', () =>
        load.job('delivery', { pairs: options.pairs, rate: options.rate, duration: options.duration }),
      );
    if (has('throughput')) await step('baseline', 'throughput', () => load.job('throughput', options.throughput));
    if (has('faults')) await step('baseline', 'faults', () => load.job('faults', { ...options.faults, retry: false }));
    if (has('groups')) await step('baseline', 'groups', () => load.job('groups', options.groups));
    await load.stop();
    await stopChild(relay.process);
    children.delete(relay.process);
  }

  // 2. The app: one instance, its database, the same loads and the rest.
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  try {
    let mongoUri = options.mongoUri;
    if (mongoUri) results.engine = { kind: 'mongodb', uri: mongoUri.replace(/\/\/[^@/]*@/, '//***@') };
    else {
      const { startEmbeddedMongo } = await import(join(root, 'dist', 'backend', 'database', 'embedded-mongo.js'));
      console.log('Starting the embedded engine (in memory)…');
      embedded = await startEmbeddedMongo({ dbName: `bench${Date.now().toString(36)}` });
      mongoUri = embedded.uri;
      results.engine = { kind: 'embedded (mongo-java-server, in memory)' };
    }
    if (options.mongoUri) {
      // A database of its own on the user's server, dropped at the end.
      const url = new URL(mongoUri);
      url.pathname = `/chatbench${Date.now().toString(36)}`;
      mongoUri = url.toString();
    }
    const profileDir = options.profile ? join(dataDir, 'profile') : null;
    const app = await startApp(mongoUri, dataDir, profileDir);
    const enginePidNow = enginePid();
    const load = startLoadgen(
      () => serverMemory(app.process),
      () => ({ server: app.process.pid, engine: enginePidNow }),
    );
    // Connections needs 201 users (a hub and its friends), groups one per member.
    // Scale needs its pairs befriended and its users signed up.
    const setupPairs = has('scale') ? Math.max(options.pairs, options.scale.pairs) : options.pairs;
    const extraUsers = Math.max(
      has('connections') ? Math.max(0, 201 - setupPairs * 2) + 1 : 0,
      has('groups') ? Math.max(0, options.groups.members - setupPairs * 2) : 0,
      has('scale') ? Math.max(0, options.scale.users - setupPairs * 2) : 0,
    );
    console.log(`[app] setup: signing up ${setupPairs * 2 + extraUsers} users, befriending pairs…`);
    results.app.setup = await load.job('setup', {
      kind: 'app',
      baseUrl: app.baseUrl,
      pairs: setupPairs,
      extraUsers,
      signupConcurrency: 4,
    });
    results.app.idleMemory = await serverMemory(app.process);
    // Connections first, while the server's RSS has not yet grown under the message loads.
    if (has('connections'))
      await step('app', 'connections', () =>
        load.job('connections', { sockets: options.sockets, ...options.connections }),
      );
    if (has('delivery'))
      await step('app', 'delivery', () =>
        load.job('delivery', { pairs: options.pairs, rate: options.rate, duration: options.duration }),
      );
    if (has('throughput')) await step('app', 'throughput', () => load.job('throughput', options.throughput));
    if (has('faults')) await step('app', 'faults', () => load.job('faults', { ...options.faults, retry: true }));
    if (has('groups')) await step('app', 'groups', () => load.job('groups', options.groups));
    if (has('scale')) await step('app', 'scale', () => load.job('scale', options.scale));
    if (has('history')) {
      await step('app', 'history', () => load.job('history', { mongoUri, ...options.history }));
      if (results.app.history) results.app.history.engine = results.engine.kind;
    }
    await load.stop();
    if (options.mongoUri) await dropDatabase(mongoUri);
    if (profileDir) {
      await stopChild(app.process, 30_000);
      results.app.profile = summarizeProfile(profileDir);
    }
  } finally {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }

  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const files = writeReport(results, outDir);
  console.log(
    `\nDone in ${results.durationSeconds} s. Results: ${files.map((f) => f.replace(root + '/', '')).join(', ')}`,
  );
  if (results.errors.length) {
    console.error(`${results.errors.length} scenario(s) failed, see the report.`);
    process.exitCode = 1;
  }
}

/** Self time by function and by package from the server's .cpuprofile (written when it exits). */
function summarizeProfile(dir) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { error: 'no profile written' };
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const [id, ms] of dt) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, '');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const pkg =
      functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)'
        ? functionName
        : url.includes('node_modules/')
          ? url
              .split('node_modules/')
              .pop()
              .split('/')
              .slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1)
              .join('/')
          : url.startsWith('node:') || !url
            ? 'node internals'
            : url.includes('/dist/backend/')
              ? 'app (dist/backend)'
              : 'other';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    if (functionName !== '(idle)') total += ms;
  }
  const top = (map, n) =>
    [...map]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
  return { busyMs: Math.round(total), byPackage: top(byPackage, 15), byFunction: top(byFunction, 25) };
}

async function dropDatabase(uri) {
  const { default: mongoose } = await import('mongoose');
  const client = new mongoose.mongo.MongoClient(uri);
  try {
    await client.connect();
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes…`);
    void cleanup().finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(error.stack ?? error);
  await cleanup();
  process.exit(1);
});
