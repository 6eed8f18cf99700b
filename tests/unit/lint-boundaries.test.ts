// The boundary rules in eslint.config.mjs, each tried on a small sample that breaks
// it and one that keeps it, so a rule cannot quietly stop working (a renamed
// folder, a changed pattern, a plugin upgrade). ESLint loads its ES-module config
// with a dynamic import Jest's module system refuses, so the samples are linted
// by ESLint's Node API in a child process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const BOUNDARY_RULES = new Set(['boundaries/dependencies', 'no-restricted-syntax']);

interface Sample {
  /** Where the code would live, relative to the repository root (the file need not exist). */
  file: string;
  code: string;
}
interface Finding {
  ruleId: string | null;
  line: number;
  message: string;
}

const linter = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { file, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: file });
  out.push(result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })));
}
process.stdout.write(JSON.stringify(out));
`;

async function lintAll(samples: Sample[]): Promise<Finding[][]> {
  const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', linter], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  run.child.stdin!.end(JSON.stringify(samples));
  const { stdout } = await run;
  return JSON.parse(stdout) as Finding[][];
}

/** Each case: a sample and the lines (1-based) where a boundary rule must fire; [] means it must stay quiet. */
const cases: Record<string, { sample: Sample; fires: number[] }> = {
  'shared importing server code': {
    sample: {
      file: 'shared/sample.ts',
      code: "import { fail } from '../server/platform/errors';\nexport const f = fail;\n",
    },
    fires: [1],
  },
  'shared importing client code': {
    sample: {
      file: 'shared/sample.ts',
      code: "import { formatDateTime } from '../client/src/format';\nexport const f = formatDateTime;\n",
    },
    fires: [1],
  },
  'shared importing shared code and packages': {
    sample: {
      file: 'shared/sample.ts',
      code: "import { z } from 'zod';\nimport * as money from './money';\nexport const f = [z, money];\n",
    },
    fires: [],
  },
  'client importing server code': {
    sample: {
      file: 'client/src/sample.ts',
      code: "import { fail } from '../../server/platform/errors';\nexport const f = fail;\n",
    },
    fires: [1],
  },
  'client importing shared code': {
    sample: {
      file: 'client/src/sample.ts',
      code: "import * as money from '../../shared/money';\nexport const f = money;\n",
    },
    fires: [],
  },
  'the engine importing the app': {
    sample: {
      file: 'packages/embedded-mongo/src/sample.ts',
      code: "import { createLogger } from '../../../server/platform/logger';\nimport * as money from '../../../shared/money';\nexport const f = [createLogger, money];\n",
    },
    fires: [1, 2],
  },
  'the engine importing itself and packages': {
    sample: {
      file: 'packages/embedded-mongo/src/sample.ts',
      code: "import { BSON } from 'bson';\nimport * as errors from './errors';\nexport const f = [BSON, errors];\n",
    },
    fires: [],
  },
  'platform importing a feature, a type from one, or composition values': {
    sample: {
      file: 'server/platform/sample.ts',
      code: [
        "import { Report } from '../reports/report.model';",
        "import type { Actor } from '../access';",
        "import { loadConfig } from '../env';",
        'export const f = [Report, loadConfig] as unknown as Actor;',
        '',
      ].join('\n'),
    },
    fires: [1, 2, 3],
  },
  'platform importing itself, shared code, the engine and the configuration type': {
    sample: {
      file: 'server/platform/sample.ts',
      code: [
        "import { fail } from './errors';",
        "import * as money from '../../shared/money';",
        "import { startEmbeddedMongo } from '../../packages/embedded-mongo/src';",
        "import type { Config } from '../env';",
        'export const f = [fail, money, startEmbeddedMongo] as unknown as Config;',
        '',
      ].join('\n'),
    },
    fires: [],
  },
  'routes importing a model for its values, in their feature or another': {
    sample: {
      file: 'server/catalog/sample.routes.ts',
      code: "import { Category } from './category.model';\nimport { Report } from '../reports/report.model';\nexport const f = [Category, Report];\n",
    },
    fires: [1, 2],
  },
  'routes importing a model for its types, and the domain functions': {
    sample: {
      file: 'server/catalog/sample.routes.ts',
      code: "import type { CategoryFields } from './category.model';\nimport { allCategories } from './categories';\nexport const f = allCategories as unknown as CategoryFields;\n",
    },
    fires: [],
  },
  'a domain module importing its model': {
    sample: {
      file: 'server/catalog/sample.ts',
      code: "import { Category } from './category.model';\nexport const f = Category;\n",
    },
    fires: [],
  },
  'a feature other than the fund importing the fund model, even for a type': {
    sample: {
      file: 'server/stats/sample.ts',
      code: "import { LedgerEntry } from '../fund/fund.model';\nimport type { LedgerEntryFields } from '../fund/fund.model';\nexport const f = LedgerEntry as unknown as LedgerEntryFields;\n",
    },
    fires: [1, 2],
  },
  'platform importing the fund model': {
    sample: {
      file: 'server/platform/sample.ts',
      code: "import { Fund } from '../fund/fund.model';\nexport const f = Fund;\n",
    },
    fires: [1],
  },
  'a feature using the fund module’s functions': {
    sample: {
      file: 'server/stats/sample.ts',
      code: "import { fundBalances } from '../fund/ledger';\nexport const f = fundBalances;\n",
    },
    fires: [],
  },
  'the fund module importing its model': {
    sample: { file: 'server/fund/sample.ts', code: "import { Fund } from './fund.model';\nexport const f = Fund;\n" },
    fires: [],
  },
  'a test importing the fund model': {
    sample: {
      file: 'tests/api/sample.test.ts',
      code: "import { Fund } from '../../server/fund/fund.model';\nexport const f = Fund;\n",
    },
    fires: [],
  },
  'demo data importing the fund model': {
    sample: {
      file: 'server/demo/sample.ts',
      code: "import { Fund } from '../fund/fund.model';\nexport const f = Fund;\n",
    },
    fires: [],
  },
  'writing a report status outside the pipeline': {
    sample: {
      file: 'server/rewards/sample.ts',
      code: [
        "import { Report } from '../reports/report.model';",
        'export async function f(reference: string, now: Date) {',
        "  await Report.updateOne({ reference }, { $set: { status: 'reward-paid' } });",
        "  await Report.updateMany({ reference }, { $set: { 'statusChangedAt': now } });",
        "  await Report.findOneAndUpdate({ reference }, { $set: { ...(now ? { status: 'closed' } : {}) } });",
        "  await Report.findByIdAndUpdate(reference, [{ $set: { status: 'closed' } }]);",
        "  await Report.bulkWrite([{ updateOne: { filter: { reference }, update: { $set: { status: 'closed' } } } }]);",
        "  await Report.collection.updateOne({ reference }, { $set: { status: 'closed' } });",
        '}',
        '',
      ].join('\n'),
    },
    fires: [3, 4, 5, 6, 7, 8],
  },
  'reading by status, or writing other fields or other models': {
    sample: {
      file: 'server/rewards/sample.ts',
      code: [
        "import { Report } from '../reports/report.model';",
        "import { Staff } from '../staff/staff.model';",
        'export async function f(reference: string, now: Date) {',
        "  await Report.updateOne({ reference, status: 'reward-approved' }, { $set: { 'reward.claimedAt': now } });",
        "  await Report.bulkWrite([{ updateOne: { filter: { status: 'closed' }, update: { $set: { archived: true } } } }]);",
        "  await Staff.updateOne({ username: 'a' }, { $set: { status: 'away' } });",
        "  return Report.find({ status: 'closed' });",
        '}',
        '',
      ].join('\n'),
    },
    fires: [],
  },
  'the workflow pipeline writing a report status': {
    sample: {
      file: 'server/reports/pipeline.ts',
      code: "import { Report } from './report.model';\nexport const f = (reference: string) => Report.updateOne({ reference }, { $set: { status: 'closed' } });\n",
    },
    fires: [],
  },
};

let findings: Record<string, Finding[]>;

beforeAll(async () => {
  const names = Object.keys(cases);
  const results = await lintAll(names.map((name) => cases[name].sample));
  findings = Object.fromEntries(
    names.map((name, i) => [name, results[i].filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))]),
  );
  // A sample that does not parse would pass every "stays quiet" case.
  const fatal = results.flat().filter((m) => m.ruleId === null);
  expect(fatal).toEqual([]);
}, 120_000);

test.each(Object.keys(cases))('%s', (name) => {
  expect(findings[name].map((m) => m.line)).toEqual(cases[name].fires);
});
