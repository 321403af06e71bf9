// Writes a benchmark run as <stamp>.json (every figure), <stamp>.md (the summary) and <stamp>-latency.svg (the
// delivery latency histogram of the app next to the bare relay's).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fmt = (v, digits = 1) =>
  v === null || v === undefined
    ? '–'
    : typeof v === 'number'
      ? String(Math.round(v * 10 ** digits) / 10 ** digits)
      : String(v);
const ratio = (ours, base) => (ours && base ? `${fmt(ours / base, 1)}×` : '–');
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${fmt(bytes / 2 ** 20, 1)} MB`);
const kb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${fmt(bytes / 1024, 1)} KB`);

export function writeReport(results, outDir) {
  const stamp = results.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const json = join(outDir, `${stamp}.json`);
  const md = join(outDir, `${stamp}.md`);
  const svgName = `${stamp}-latency.svg`;
  writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  const hasHistogram = results.app.delivery?.histogram || results.baseline.delivery?.histogram;
  if (hasHistogram) writeFileSync(join(outDir, svgName), histogramSvg(results));
  writeFileSync(md, markdown(results, hasHistogram ? svgName : null));
  return [json, md, ...(hasHistogram ? [join(outDir, svgName)] : [])];
}

function markdown(r, svgName) {
  const { app, baseline } = r;
  const o = r.options;
  const lines = [];
  const push = (...l) => lines.push(...l);
  push(
    `# Benchmark ${r.date} (${r.preset}${r.preset === 'quick' ? ', scaled down' : ''})`,
    '',
    `Commit ${r.commit ?? '?'} · ${r.machine.cpus} × ${r.machine.cpuModel} · ${r.machine.memoryGb} GB · Node ${r.machine.node} · ` +
      `database: ${r.engine?.kind ?? '–'} · load generator, app and relay on the same machine · run took ${r.durationSeconds} s.`,
    '',
    'Ratios compare the app with a bare Socket.IO relay (no auth, no database) driven by the same load generator in ' +
      'the same run: lower is better, 1.0× would mean the app adds nothing.',
    '',
  );
  if (r.errors.length) {
    push(
      '**Failed scenarios:**',
      '',
      ...r.errors.map((e) => `- ${e.section}/${e.name}: \`${e.error.split('\n')[0]}\``),
      '',
    );
  }
  if (app.setup)
    push(
      `Setup: ${app.setup.users} users signed up over the API (${app.setup.signupsPerSecond}/s, argon2), ${app.setup.pairs} friend pairs with a conversation, in ${app.setup.setupSeconds} s.`,
      '',
    );

  const d = app.delivery;
  const bd = baseline.delivery;
  if (d || bd) {
    push(
      `## 1. Delivery`,
      '',
      `${o.pairs} pairs, ${o.rate} message/s per pair (senders alternate), ${o.duration} s. Latency: \`message:send\` emitted → the recipient's \`message:new\`.`,
      '',
      '| | sent | acked | received | lost | duplicates | exactly once | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    const row = (name, x) =>
      x &&
      push(
        `| ${name} | ${x.attempted} | ${x.acked || '– (no ack)'} | ${x.receivedTotal} | ${x.lost} | ${x.liveDuplicates} | ${x.exactlyOnce ? 'yes' : '**no**'} | ${fmt(x.latencyMs.p50, 2)} | ${fmt(x.latencyMs.p95, 2)} | ${fmt(x.latencyMs.p99, 2)} | ${fmt(x.latencyMs.max, 1)} |`,
      );
    row('app', d);
    row('bare relay', bd);
    if (d && bd)
      push(
        `| **app / relay** | | | | | | | **${ratio(d.latencyMs.p50, bd.latencyMs.p50)}** | **${ratio(d.latencyMs.p95, bd.latencyMs.p95)}** | **${ratio(d.latencyMs.p99, bd.latencyMs.p99)}** | ${ratio(d.latencyMs.max, bd.latencyMs.max)} |`,
      );
    push('');
    const cpuLine = (name, x) =>
      x?.cpuMsPerMessage &&
      `${name}: server ${fmt(x.cpuMsPerMessage.server, 3)} ms` +
        (x.cpuMsPerMessage.engine !== null ? ` + database engine ${fmt(x.cpuMsPerMessage.engine, 3)} ms` : '') +
        ` (load generator ${fmt(x.cpuMsPerMessage.loadGenerator, 3)} ms)`;
    push(
      `CPU time per message, less sensitive to a busy machine than latency: ${[cpuLine('app', d), cpuLine('bare relay', bd)].filter(Boolean).join('; ')}.` +
        (d?.cpuMsPerMessage?.server && bd?.cpuMsPerMessage?.server
          ? ` App server / relay: **${ratio(d.cpuMsPerMessage.server, bd.cpuMsPerMessage.server)}**.`
          : ''),
      '',
    );
    if (d)
      push(
        `App acks: p50 ${fmt(d.ackLatencyMs.p50, 2)} ms, p99 ${fmt(d.ackLatencyMs.p99, 2)} ms; ${d.ackErrors} refused, ${d.busy ?? 0} answered busy (retried after a jittered backoff), ${d.retries} retries; ${d.behind ?? 0} sends skipped because the pair's previous one was still pending (one in flight per pair, as in the SPA).`,
        '',
      );
    if (svgName) push(`![Delivery latency histogram](${svgName})`, '');
  }

  const t = app.throughput;
  const bt = baseline.throughput;
  if (t || bt) {
    push(
      '## 2. Throughput',
      '',
      `${o.throughput.pairs} pairs; the total rate doubles every ${o.throughput.stepSeconds} s step until p99 > ${o.throughput.p99LimitMs} ms, a message is lost or the sends fall behind ` +
        `(the app allows 30 sends/s per user, so the ramp also stops at ${o.throughput.maxRatePerPair} messages/s per pair).`,
      '',
    );
    for (const [name, x] of [
      ['app', t],
      ['bare relay', bt],
    ]) {
      if (!x) continue;
      push(
        `**${name}: ${x.maxSustainedPerSecond} messages/s sustained**${x.reachedLimit ? '' : ' (the ramp ended before reaching its limit: the figure is a lower bound)'}`,
        '',
        '| target/s | sent/s | delivered/s | p50 ms | p99 ms | max ms | lost | server CPU ms/msg | sustained |',
        '|---|---|---|---|---|---|---|---|---|',
        ...x.steps.map(
          (s) =>
            `| ${s.targetPerSecond} | ${s.sentPerSecond} | ${s.deliveredPerSecond} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${fmt(s.max)} | ${s.lost} | ${fmt(s.cpuMsPerMessage?.server, 3)}${s.cpuMsPerMessage?.engine ? ` + ${fmt(s.cpuMsPerMessage.engine, 3)} engine` : ''} | ${s.sustained ? 'yes' : 'no'} |`,
        ),
        '',
      );
    }
    if (t && bt)
      push(
        `App / relay sustained throughput: **${fmt(t.maxSustainedPerSecond / (bt.maxSustainedPerSecond || 1), 2)}**.`,
        '',
      );
  }

  const c = app.connections;
  if (c) {
    const f = c.presenceFanout;
    push(
      '## 3. Connections',
      '',
      `Connect storm: ${c.opened}/${c.sockets} authenticated websocket connections (${c.failures} failed) over ${c.users} users (several tabs each), ` +
        `${c.concurrency} handshakes in flight: **${c.connectsPerSecond} connections/s** (${c.stormSeconds} s; handshake p50 ${fmt(c.connectMs.p50)} ms, p99 ${fmt(c.connectMs.p99)} ms).`,
      '',
      '| server (after a full GC) | before | with the sockets, at rest | per connection |',
      '|---|---|---|---|',
      `| RSS | ${mb(c.serverBefore.memory?.rss)} | ${mb(c.serverAtRest.memory?.rss)} | **${kb(c.bytesPerConnection.rss)}** |`,
      `| heap used | ${mb(c.serverBefore.memory?.heapUsed)} | ${mb(c.serverAtRest.memory?.heapUsed)} | **${kb(c.bytesPerConnection.heapUsed)}** |`,
      `| external | ${mb(c.serverBefore.memory?.external)} | ${mb(c.serverAtRest.memory?.external)} | ${kb(c.bytesPerConnection.external)} |`,
      `| embedded engine RSS (java) | ${mb(c.serverBefore.engineRss)} | ${mb(c.serverAtRest.engineRss)} | |`,
      '',
    );
    if (f)
      push(
        `Presence fan-out: a user with ${f.friends} online friends connects; time from \`io()\` until every friend got \`presence:update\` ` +
          `(${f.rounds.length} rounds): **p50 ${fmt(f.allFriendsMs.p50)} ms, max ${fmt(f.allFriendsMs.max)} ms** ` +
          `(of which the handshake: ${f.rounds.map((x) => fmt(x.hubConnectMs)).join(', ')} ms).`,
        '',
      );
  }

  const fa = app.faults;
  const bf = baseline.faults;
  if (fa || bf) {
    const o2 = o.faults;
    push(
      '## 4. Faults',
      '',
      `${o2.pairs} pairs, ${o2.rate} messages/s per pair, ${o2.duration} s; ${Math.round(o2.fraction * 100)}% of the client connections have their transport ` +
        `closed at random moments (mean ${o2.meanIntervalMs} ms apart each; \`socket.io.engine.close()\`, then Socket.IO's default reconnection after about 1 s).`,
      '',
      '| client | cuts | sent | stored | stored twice | received | lost | delivered twice | exactly once |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    if (fa)
      push(
        `| app: ack timeout 2 s + retry with the same clientId + catch-up with \`after\` (${fa.retries} retries, ${fa.catchUps} catch-ups, ${fa.caughtUp} caught up) | ${fa.cuts} | ${fa.attempted} | ${fa.storedUnique} | ${fa.storedDuplicates} | ${fa.receivedTotal} | ${fa.lost} (${fa.lostPercent}%) | ${fa.liveDuplicates} | ${fa.exactlyOnce ? '**yes**' : '**no**'} |`,
      );
    if (bf)
      push(
        `| bare relay, default Socket.IO client (emit, no ack, no catch-up) | ${bf.cuts} | ${bf.attempted} | – | – | ${bf.receivedTotal} | ${bf.lost} (${bf.lostPercent}%) | ${bf.liveDuplicates} | ${bf.exactlyOnce ? 'yes' : 'no'} |`,
      );
    push('', 'Published figure to beat: default Socket.IO loses ~15% of messages under simulated network drops.', '');
  }

  const g = app.groups;
  const bg = baseline.groups;
  if (g || bg) {
    const og = o.groups;
    const row = (name, x) =>
      `| ${name} | ${x.attempted} | ${x.delivered} of ${x.deliveriesExpected} | ${x.duplicates} | ${x.exactlyOnce ? '**yes**' : '**no**'} | ` +
      `${fmt(x.latencyToEachMs.p50)} / ${fmt(x.latencyToEachMs.p99)} | **${fmt(x.latencyToAllMs.p50)} / ${fmt(x.latencyToAllMs.p99)}** | ` +
      `${fmt(x.ackLatencyMs.p50)} / ${fmt(x.ackLatencyMs.p99)} | ${fmt(x.cpuMsPerMessage.server, 2)} | ${fmt(x.cpuMsPerMessage.engine, 2)} |`;
    push(
      '## 5. Groups',
      '',
      `A group of ${og.members} members, each with a socket; the members send in turn, ${og.rate} messages/s in total for ${og.duration} s, ` +
        `and every message goes to the other ${og.members - 1} (\`message:new\`). Latency from the send to a member's \`message:new\` ` +
        '("to each"), and until the last of them got it ("to all"); CPU ms per message sent (one message is ' +
        `${og.members - 1} deliveries).`,
      '',
      '| target | sent | delivered | twice | exactly once | to each p50 / p99 ms | to all p50 / p99 ms | ack p50 / p99 ms | server CPU ms/msg | engine CPU ms/msg |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...(g ? [row('app', g.fanout)] : []),
      ...(bg ? [row('bare relay', bg.fanout)] : []),
      '',
    );
    if (g?.fanout && bg?.fanout)
      push(
        `Ratio to the relay: to all p99 ${ratio(g.fanout.latencyToAllMs.p99, bg.fanout.latencyToAllMs.p99)}, server CPU per message ` +
          `${ratio(g.fanout.cpuMsPerMessage.server, bg.fanout.cpuMsPerMessage.server)}.`,
        '',
      );
    const l = g?.conversationList;
    if (l)
      push(
        `The chat list (\`GET /api/conversations\`) of someone in ${l.conversations} conversations (${l.formerGroups} of them groups they left, ` +
          `listed read-only): first page **p50 ${fmt(l.firstPageMs.p50, 2)} ms, p99 ${fmt(l.firstPageMs.p99, 2)} ms** (${l.firstPageMs.count} requests); ` +
          `every page of 100 (${l.everyPageMs.pages} pages) p50 ${fmt(l.everyPageMs.p50)} ms in total.`,
        '',
      );
  }

  const sc = app.scale;
  if (sc) {
    push(
      '## 7. Scale (the acceptance load)',
      '',
      `${sc.sockets.toLocaleString('en')} sockets of ${sc.users.toLocaleString('en')} users (${sc.tabs} tabs each) opened in a storm ` +
        `(${sc.connectsPerSecond}/s, ${sc.socketFailures} failed; at rest ${fmt(sc.bytesPerSocket.rss / 1024, 1)} KB RSS and ` +
        `${fmt(sc.bytesPerSocket.heapUsed / 1024, 1)} KB heap per socket), then, all of them still connected, ${sc.pairs} pairs send ` +
        `${sc.ratePerPair} message/s each for ${sc.durationSeconds} s; every message goes to ${sc.socketsPerMessage} sockets (the recipient's ` +
        "tabs and the sender's other ones). Latency over every delivery; exactly once on every socket.",
      '',
      '| sent | msg/s | acked | delivered to all its sockets | twice | exactly once | p50 ms | p99 ms | max ms | ack p99 ms | busy | retries | behind | server CPU ms/msg | engine CPU ms/msg | load generator CPU ms/msg |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      `| ${sc.attempted} | ${sc.sentPerSecond} | ${sc.acked} | ${sc.receivedTotal} | ${sc.liveDuplicates} | ${sc.exactlyOnce ? '**yes**' : '**no**'} | ` +
        `${fmt(sc.latencyMs.p50, 2)} | **${fmt(sc.latencyMs.p99, 2)}** | ${fmt(sc.latencyMs.max)} | ${fmt(sc.ackLatencyMs.p99, 2)} | ${sc.busy} | ${sc.retries} | ${sc.behind ?? 0} | ` +
        `${fmt(sc.cpuMsPerMessage.server, 3)} | ${fmt(sc.cpuMsPerMessage.engine, 3)} | ${fmt(sc.cpuMsPerMessage.loadGenerator, 3)} |`,
      '',
      `Senders' first tabs connected before / after the sending: ${sc.senderTabsConnected.before} / ${sc.senderTabsConnected.after} of ${sc.senderTabsConnected.of}.`,
      '',
    );
  }

  const h = app.history;
  if (h) {
    push(
      '## 6. History',
      '',
      `A page of 50 from a conversation with ${h.conversationMessages.toLocaleString('en')} messages among ${h.totalMessages.toLocaleString('en')} in total ` +
        `(seeded with insertMany at ${h.seedPerSecond}/s), over the API; database: **${h.engine}**${h.engineVersion !== 'unknown' ? ` (reports version ${h.engineVersion})` : ''}.` +
        (o.history.scaledDown ? ' **Scaled down by 10× in --quick** (the full run uses 20,000 among 200,000).' : ''),
      '',
      '| page | requests | p50 ms | p99 ms | max ms |',
      '|---|---|---|---|---|',
      `| newest | ${h.newestPageMs.count} | ${fmt(h.newestPageMs.p50, 2)} | ${fmt(h.newestPageMs.p99, 2)} | ${fmt(h.newestPageMs.max)} |`,
      `| older (\`before\` a random message) | ${h.olderPageMs.count} | ${fmt(h.olderPageMs.p50, 2)} | ${fmt(h.olderPageMs.p99, 2)} | ${fmt(h.olderPageMs.max)} |`,
      `| all | ${h.allPagesMs.count} | **${fmt(h.allPagesMs.p50, 2)}** | **${fmt(h.allPagesMs.p99, 2)}** | ${fmt(h.allPagesMs.max)} |`,
      '',
    );
  }
  const prof = app.profile;
  if (prof?.byPackage) {
    push(
      '## Where the server spends its CPU (--profile)',
      '',
      `${fmt(prof.busyMs / 1000)} s busy over the whole run (startup and setup included).`,
      '',
      '| package | ms | % |',
      '|---|---|---|',
      ...prof.byPackage.map((p) => `| ${p.name} | ${p.ms} | ${p.percent} |`),
      '',
      '| function (self time) | ms | % |',
      '|---|---|---|',
      ...prof.byFunction.slice(0, 15).map((p) => `| \`${p.name}\` | ${p.ms} | ${p.percent} |`),
      '',
    );
  }
  push(
    `Every figure: [${r.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json](${r.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json).`,
    '',
  );
  return lines.join('\n');
}

function histogramSvg(r) {
  const series = [
    ['app', r.app.delivery?.histogram, '#2563eb'],
    ['bare relay', r.baseline.delivery?.histogram, '#9ca3af'],
  ].filter(([, h]) => h);
  const buckets = series[0][1].map((b, i) => {
    const lower = i === 0 ? 0 : series[0][1][i - 1].le;
    return b.le === null ? `>${lower}` : `≤${b.le}`;
  });
  const shares = series.map(([, h]) => {
    const total = h.reduce((s, b) => s + b.count, 0) || 1;
    return h.map((b) => b.count / total);
  });
  const width = 760;
  const height = 300;
  const left = 50;
  const bottom = 250;
  const top = 40;
  const max = Math.max(...shares.flat(), 0.01);
  const groupWidth = (width - left - 10) / buckets.length;
  const barWidth = (groupWidth - 6) / series.length;
  const y = (share) => bottom - (share / max) * (bottom - top);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="13" font-weight="bold">Delivery latency (send → recipient's message:new), share of messages per bucket (ms)</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const v = tick * max;
    parts.push(
      `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v * 100)}%</text>`,
    );
  }
  buckets.forEach((label, i) => {
    const x0 = left + i * groupWidth + 3;
    series.forEach(([, , color], s) => {
      const share = shares[s][i];
      parts.push(
        `<rect x="${x0 + s * barWidth}" y="${y(share)}" width="${barWidth - 1}" height="${bottom - y(share)}" fill="${color}"/>`,
      );
    });
    parts.push(`<text x="${x0 + groupWidth / 2 - 3}" y="${bottom + 14}" text-anchor="middle">${label}</text>`);
  });
  series.forEach(([name, , color], s) => {
    const x = left + 10 + s * 280;
    parts.push(`<rect x="${x}" y="${height - 22}" width="12" height="12" fill="${color}"/>`);
    const p = (s === 0 ? r.app.delivery : r.baseline.delivery).latencyMs;
    parts.push(`<text x="${x + 16}" y="${height - 12}">${name} (p50 ${fmt(p.p50, 2)}, p99 ${fmt(p.p99, 2)} ms)</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
