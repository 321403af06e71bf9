// Loaded into the server with `node --expose-gc --require backend/bench/metrics-preload.cjs dist/backend/main.js`
// by the benchmark only (backend/src is untouched). Answers {type: 'memory'} on the IPC channel with
// process.memoryUsage() after a full GC, so "per connection at rest" figures are not garbage still to collect.
if (typeof process.send === 'function') {
  process.on('message', (msg) => {
    if (!msg || msg.type !== 'memory') return;
    if (typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    process.send({ type: 'memory', id: msg.id, memory: process.memoryUsage() });
  });
  process.channel?.unref();
}
