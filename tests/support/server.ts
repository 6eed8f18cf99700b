// A real Woodpecker app on the test database: createApp() for supertest, or a
// listening HTTP server for browser tests. Seeds reference data, the five demo
// accounts and the fund, exactly as demo mode does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { createApp } from '../../server/app';
import { SecretBox } from '../../server/platform/secretBox';
import { seedDemoStaff, seedFund, seedReferenceData } from '../../server/demo/seed';
import { loadConfig, type Config } from '../../server/env';
import { DiskEvidenceStore } from '../../server/platform/evidenceStore';
import { createLogger } from '../../server/platform/logger';
import { loadPublishedPolicies } from '../../server/rewards/policyVersions';
import { startTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: Express;
  store: DiskEvidenceStore;
  uploadDir: string;
  config: Config;
  box: SecretBox;
  /** The server secret (base64), for a script run against this app's database. */
  secretKey: string;
  demoPassword: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/** `monitorCommands`: the driver reports every command it sends (for tests that count them). */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { clientDir?: string; monitorCommands?: boolean } = {},
): Promise<TestApp> {
  const db = await startTestDatabase();
  await mongoose.connect(db.uri, { dbName: db.dbName('app'), monitorCommands: !!options.monitorCommands });
  await mongoose.connection.syncIndexes();
  // Each app its own checkpoint file: suites run in parallel, each under its own key.
  const auditDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-audit-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    WOODPECKER_DEMO: 'true',
    LOG_LEVEL: process.env.TLOG ?? 'silent',
    LOGIN_DELAY_BASE_MS: '0',
    // Cheap password hashes keep sign-ins and seeding fast; tests/unit/passwords.test.ts pins the real cost.
    PASSWORD_HASH_COST: '10',
    WOODPECKER_DATA_DIR: 'data/test',
    WOODPECKER_POW_BITS: '0',
    AUDIT_CHECKPOINT_FILE: path.join(auditDir, 'audit-checkpoints.log'),
    ...env,
  });
  const secretKey = crypto.randomBytes(32).toString('base64');
  const box = new SecretBox(Buffer.from(secretKey, 'base64'));
  const demoPassword = `demo-${crypto.randomBytes(6).toString('hex')}`;
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-uploads-'));
  const store = new DiskEvidenceStore(uploadDir);
  // Before seeding: creating the app sets the audit keys that every audited write needs.
  const app = createApp({
    config,
    logger: createLogger(process.env.TLOG ?? 'silent', false),
    box,
    store,
    clientDir: options.clientDir,
  });
  await seedReferenceData(config.WOODPECKER_JURISDICTION);
  await loadPublishedPolicies();
  await seedDemoStaff(demoPassword);
  await seedFund();
  return {
    app,
    config,
    box,
    secretKey,
    demoPassword,
    db,
    store,
    uploadDir,
    async stop() {
      await mongoose.disconnect();
      await db.stop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
      fs.rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

export interface TestServer extends TestApp {
  baseUrl: string;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { clientDir?: string } = { clientDir: 'dist/client' },
): Promise<TestServer> {
  const t = await startTestApp(env, options);
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.stop();
    },
  };
}
