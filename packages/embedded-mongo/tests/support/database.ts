// The database every test runs against: a real MongoDB when MONGODB_URI is set,
// otherwise the embedded engine in memory on a loopback port. Never a mock.
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src';
import { appendFileSync } from 'node:fs';
import { MongoClient, type Db } from 'mongodb';

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
  const uri =
    external ??
    (engine = await startEmbeddedMongo(
      { inMemory: true },
      {},
      { log: process.env.ENGINE_LOG ? (m) => appendFileSync(process.env.ENGINE_LOG!, m + '\n') : undefined },
    )).uri;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  return {
    uri,
    dbName: (prefix = 't') => `${prefix}_${runId}_${++counter}`,
    stop: async () => {
      await engine?.stop();
    },
  };
}

export interface DriverSuite {
  readonly db: TestDatabase;
  readonly client: MongoClient;
  /** The suite's own database on the test server. */
  readonly mdb: Db;
}

/** Registers a suite's hooks: a test database, a driver client on it, and a database named for the suite. */
export function driverSuite(name: string): DriverSuite {
  let db: TestDatabase | undefined;
  let client: MongoClient | undefined;
  let mdb: Db | undefined;
  beforeAll(async () => {
    db = await startTestDatabase();
    client = new MongoClient(db.uri);
    await client.connect();
    mdb = client.db(db.dbName(name));
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the driver suite has not started');
    return value;
  };
  return {
    get db() {
      return started(db);
    },
    get client() {
      return started(client);
    },
    get mdb() {
      return started(mdb);
    },
  };
}
