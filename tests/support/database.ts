// The database every test runs against: a real MongoDB when MONGODB_URI is set,
// otherwise the embedded engine in memory on a loopback port. Never a mock.
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/embedded-mongo';

export interface TestDatabase {
  /** Connection string for the driver or mongoose (includes no database name). */
  uri: string;
  /** A fresh database name, so suites never share state. */
  dbName(prefix?: string): string;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestDatabase(): Promise<TestDatabase> {
  const external = process.env.MONGODB_URI;
  let engine: EmbeddedMongo | undefined;
  const uri = external ?? (engine = await startEmbeddedMongo({ inMemory: true }, {}, { log: process.env.ENGINE_LOG ? (m) => require('fs').appendFileSync(process.env.ENGINE_LOG!, m + '\n') : undefined })).uri;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  return {
    uri,
    dbName: (prefix = 't') => `${prefix}_${runId}_${++counter}`,
    stop: async () => {
      await engine?.stop();
    },
  };
}
