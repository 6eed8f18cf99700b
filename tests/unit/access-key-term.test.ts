// The receipt's secret has one name wherever a citizen or staff member meets it:
// 查询密钥 / "access key". Every source that can carry text to a screen, a PDF or a
// mail (server, shared, client) is scanned for the names it had before, so an old
// one cannot come back through a new message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['shared', 'server', 'client/src'];
/** The engine is a database, not a place where people read messages. */
const SKIPPED = new Set([path.join(ROOT, 'server/embedded-mongo')]);

/** Names the key had, each one a way a reporter could think they are two different secrets. */
const OLD_NAMES: RegExp[] = [
  /查询密码/,
  /查询码/,
  /编号和密码/,
  /access code/i,
  /query (?:password|code)/i,
  /report password/i,
];

function sources(dir: string): string[] {
  if (SKIPPED.has(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** "file:line: text" for every line that uses an old name. */
function oldNamesIn(files: string[]): string[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, i) =>
        OLD_NAMES.some((name) => name.test(text)) ? [`${path.relative(ROOT, file)}:${i + 1}: ${text.trim()}`] : [],
      ),
  );
}

const files = SCANNED.flatMap((dir) => sources(path.join(ROOT, dir)));

test('the scan reads the message sources where the key is named', () => {
  const scanned = files.map((f) => path.relative(ROOT, f));
  for (const expected of [
    'shared/errors.ts',
    'server/posters/posterText.ts',
    'server/rewards/rewardNotice.ts',
    'server/reports/notifications.ts',
    'client/src/messages/forms.zh.ts',
    'client/src/messages/forms.en.ts',
    'client/src/console/pages/cases/messages.zh.ts',
  ])
    expect(scanned).toContain(expected);
});

test('no source names the access key anything but 查询密钥 / access key', () => {
  expect(oldNamesIn(files)).toEqual([]);
});

test('the scan finds an old name when one is written', () => {
  const sample = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'term-')), 'sample.ts');
  fs.writeFileSync(sample, "export const hint = '请保存举报编号和查询密码。';\n");
  expect(oldNamesIn([sample])).toHaveLength(1);
});
