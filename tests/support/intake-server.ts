// A real Woodpecker server process for the crash test, as server/index.ts starts
// one: the embedded engine durable in <dataDir>/db, reference data, the app with a
// disk evidence store on <uploadDir>, listening on a loopback port. Prints one JSON
// line {url, mongoUri} when ready. Run as
//   node --import tsx tests/support/intake-server.ts <dataDir> <uploadDir>
// with WOODPECKER_SECRET_KEY (base64, 32 bytes) so restarts open what earlier runs sealed.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../../server/app';
import { SecretBox } from '../../server/platform/secretBox';
import { seedReferenceData } from '../../server/demo/seed';
import { startEmbeddedMongo } from '@woodpecker/embedded-mongo';
import { loadConfig } from '../../server/env';
import { createLogger } from '../../server/platform/logger';
import { DiskEvidenceStore } from '../../server/platform/evidenceStore';

async function main(): Promise<void> {
  const [dataDir, uploadDir] = process.argv.slice(2);
  if (!dataDir || !uploadDir) throw new Error('usage: intake-server.ts <dataDir> <uploadDir>');
  const engine = await startEmbeddedMongo({ dataDir: path.join(dataDir, 'db') });
  await mongoose.connect(engine.uri, { dbName: 'woodpecker', serverSelectionTimeoutMS: 10_000 });
  await mongoose.connection.syncIndexes();
  await seedReferenceData();
  const config = loadConfig({
    NODE_ENV: 'test',
    WOODPECKER_DEMO: 'true',
    WOODPECKER_DATA_DIR: dataDir,
    UPLOAD_DIR: uploadDir,
    WOODPECKER_POW_BITS: '0',
    LOG_LEVEL: process.env.TLOG ?? 'silent',
    TRUST_PROXY: 'loopback', // the client stands in for many reporters behind a proxy
  });
  const key = Buffer.from(process.env.WOODPECKER_SECRET_KEY ?? '', 'base64');
  const box = new SecretBox(key);
  const store = new DiskEvidenceStore(uploadDir);
  const app = createApp({ config, logger: createLogger(config.LOG_LEVEL, false), box, store });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, mongoUri: engine.uri }));

  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await mongoose.disconnect();
    await engine.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
