import { startEmbeddedMongo } from '../../src/database/embedded-mongo';

/**
 * Starts one in-memory engine for the whole Jest run (unless MONGODB_URI points at a real MongoDB). Suites
 * share the process but each uses a database of its own, see test-app.ts.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const engine = await startEmbeddedMongo({ dbName: 'test' });
  process.env.TEST_MONGODB_URI = engine.uri;
  (globalThis as { __EMBEDDED_MONGO__?: typeof engine }).__EMBEDDED_MONGO__ = engine;
}
