// Command names as MongoDB resolves them: exact names plus the legacy lower-case
// aliases it registers (buildinfo, ismaster, findandmodify, dbstats).
// Other spellings are unknown commands (59 CommandNotFound).
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

const suite = driverSuite('cmdnames');

describe('command names', () => {
  test("the driver's admin().buildInfo() (it sends 'buildinfo') answers with the version", async () => {
    const info = await suite.client.db('admin').admin().buildInfo();
    expect(info.ok).toBe(1);
    expect(typeof info.version).toBe('string');
    expect(Array.isArray(info.versionArray)).toBe(true);
  });

  test('the legacy lower-case aliases answer like their commands', async () => {
    const admin = suite.client.db('admin');
    expect((await admin.command({ buildinfo: 1 })).version).toBe((await admin.command({ buildInfo: 1 })).version);
    expect((await admin.command({ ismaster: 1 })).ismaster).toBe(true);
    const coll = suite.mdb.collection('c');
    await coll.insertOne({ n: 1 });
    expect((await suite.mdb.command({ dbstats: 1 })).db).toBe(suite.mdb.databaseName);
    const modified = await suite.mdb.command({
      findandmodify: 'c',
      query: { n: 1 },
      update: { $set: { n: 2 } },
      new: true,
    });
    expect(modified.value.n).toBe(2);
  });

  test('any other spelling is an unknown command (59 CommandNotFound)', async () => {
    for (const name of ['BUILDINFO', 'toString', 'constructor']) {
      const err = await serverError(suite.client.db('admin').command({ [name]: 1 }));
      expect(err.code).toBe(59);
      expect(err.codeName).toBe('CommandNotFound');
    }
  });
});
