// `npm run db -- --port 27017 --data-dir data/db [--host 127.0.0.1]`:
// runs the embedded engine in the foreground and prints its URI when ready.
import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      'data-dir': { type: 'string', default: 'data/db' },
      host: { type: 'string', default: '127.0.0.1' },
      'in-memory': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const db = await startEmbeddedMongo(
    values['in-memory'] ? { inMemory: true } : { dataDir: values['data-dir']! },
    { host: values.host, port },
    {
      log: (m) => console.error(m),
    },
  );
  console.log(db.uri);
  const stop = async (signal: string) => {
    console.error(`${signal}: stopping the embedded database`);
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
