// Starts Woodpecker: configuration, database (embedded by default), demo data,
// HTTP, background jobs; and stops them in order on SIGINT/SIGTERM.
import type { Server } from 'node:http';
import mongoose from 'mongoose';
import { generatePassword } from './staff/passwords';
import { createApp } from './app';
import { openDatabase } from './platform/db';
import { demoFundOpening, seedDemoReports } from './demo/demoReports';
import { seedDemoStaff, seedFund, seedReferenceData, demoAccounts } from './demo/seed';
import { sealLegacyOutbox } from './platform/emails/legacyOutbox';
import { backfillReporterPseudonyms } from './protection/pseudonym';
import { ConfigError, loadConfig } from './env';
import { startJobs } from './jobs';
import { createLogger } from './platform/logger';
import { loadSecretBox } from './platform/secrets';
import { createEvidenceStore } from './platform/evidenceStore';
import { loadPublishedPolicies } from './rewards/policyVersions';

// Every file the service creates (uploads in flight, evidence, the embedded database,
// keys, mail spool) is for its own account only; the stores also set modes explicitly.
process.umask(0o077);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL, config.NODE_ENV !== 'production');
  const db = await openDatabase({
    mongodbUri: config.MONGODB_URI,
    dataDir: config.WOODPECKER_DATA_DIR,
    dbName: config.MONGODB_DB,
    log: (m) => logger.warn(m),
  });
  logger.info({ embedded: !!db.embedded }, db.embedded ? `embedded database at ${db.uri}` : 'connected to MongoDB');
  const box = loadSecretBox(config);
  const store = createEvidenceStore(config.EVIDENCE_STORE, config.UPLOAD_DIR, mongoose.connection.db);
  const url = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  // Before seeding: creating the app sets the audit keys that every audited write needs.
  const app = createApp({ config, logger, box, store, clientDir: 'dist/client' });
  const jurisdiction = await seedReferenceData(config.WOODPECKER_JURISDICTION, logger);
  logger.info(
    jurisdiction,
    jurisdiction.applied ? 'jurisdiction seed applied' : 'jurisdiction already in the database',
  );
  // Before anything computes a reward or a deadline: the published policy versions replace the built-in ones.
  await loadPublishedPolicies(logger);
  let demoPassword: string | undefined;
  if (config.demo) {
    demoPassword = config.WOODPECKER_DEMO_PASSWORD ?? generatePassword();
    await seedDemoStaff(demoPassword);
    await seedFund(demoFundOpening());
  }
  // After the staff and the fund: the reports are moved along by those accounts and paid from that fund.
  const demoReports = config.demo ? await seedDemoReports({ demo: true, box, store, publicBaseUrl: url }) : 0;
  const server: Server = await new Promise((resolve) => {
    const s = config.HOST
      ? app.listen(config.PORT, config.HOST, () => resolve(s))
      : app.listen(config.PORT, () => resolve(s));
  });
  const legacyMail = await sealLegacyOutbox(box, url);
  if (legacyMail.sealed || legacyMail.erased)
    logger.info(legacyMail, 'mail queued by an earlier version sealed or erased');
  const pseudonyms = await backfillReporterPseudonyms(box);
  if (pseudonyms) logger.info({ pseudonyms }, 'real-name reports from before pseudonyms given theirs');
  const jobs = startJobs({ config, logger, box, store });
  console.log(`\n啄木鸟 Woodpecker is running at ${url}  (staff console: ${url}/console)`);
  if (demoPassword) {
    console.log('Demo mode — staff accounts (演示账号):');
    const width = Math.max(...demoAccounts.map((a) => a.username.length));
    for (const a of demoAccounts) console.log(`  ${a.username.padEnd(width)} ${demoPassword}   ${a.displayName}`);
    if (!config.WOODPECKER_DEMO_PASSWORD)
      console.log('  (password generated for this run; set WOODPECKER_DEMO_PASSWORD to choose one)');
    console.log(
      demoReports
        ? `Demo reports: ${demoReports} created (演示举报)`
        : 'Demo reports: none added, reports already exist (演示举报)',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests and shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await jobs.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
