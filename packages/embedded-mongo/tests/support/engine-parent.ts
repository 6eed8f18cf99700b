// A process that owns an engine in its own process and does nothing else, for the
// test that kills it with -9. Prints one JSON line {pid, uri} when the engine listens.
//   node --import tsx tests/support/engine-parent.ts <dataDir>
import { startEmbeddedMongoProcess } from '../../src';

startEmbeddedMongoProcess({ dataDir: process.argv[2] }).then(
  (db) => console.log(JSON.stringify({ pid: db.pid, uri: db.uri })),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
