// The public submission, POST /api/v1/reports: the receipt, what the database and
// the evidence store hold afterwards, every class of bad input (a clear 4xx and
// nothing stored), idempotent retries, proof of work, metadata removal from photos
// and videos, and the notifications queued with the report.
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import mongoose from 'mongoose';
import sharp from 'sharp';
import request, { type Response } from 'supertest';
import { anyang } from '../../server/jurisdiction/seeds/anyang';

const { categories } = anyang;
import { createApp } from '../../server/app';
import { gpsTags } from '../../server/reports/intake/exifGps';
import { loadConfig } from '../../server/env';
import { createLogger } from '../../server/platform/logger';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';
import { Poster } from '../../server/posters/poster.model';
import { openReportData } from '../../server/protection/dataKeys';
import { Report } from '../../server/reports/report.model';
import { hashAccessKey, verifyAccessKey } from '../../server/reports/intake/receipt';
import { idempotencyKeyHash } from '../../server/reports/intake/retryWindow';
import { Staff } from '../../server/staff/staff.model';
import {
  executable,
  filesUnder,
  GPS_TEXT,
  intakeEnv,
  isoBox,
  isoMediaWithGps,
  jpeg,
  jpegHeaders,
  jpegWithExif,
  multipartBody,
  nextClientIp,
  noisyJpeg,
  sha256,
  solvePow,
  storedPath,
  submit,
  tinyZip,
  validReport,
  wrongNonce,
  type EvidenceUpload,
} from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem } from '../support/staff';

let t: TestApp;
let photo: Buffer;

/** The same app on the same database and evidence store, started with other settings. */
function appWith(env: Record<string, string>): Express {
  const config = loadConfig({
    NODE_ENV: 'test',
    WOODPECKER_DEMO: 'true',
    LOG_LEVEL: 'silent',
    WOODPECKER_DATA_DIR: 'data/test',
    WOODPECKER_POW_BITS: '0',
    ...intakeEnv,
    ...env,
  });
  return createApp({ config, logger: createLogger('silent', false), box: t.box, store: t.store });
}

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  photo = await jpeg();
});
afterAll(async () => {
  await t?.stop();
});

const REFERENCE = /^WP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const ACCESS_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/; // 20 Crockford symbols × 5 bits = 100 bits

interface Stored {
  reports: number;
  submitAudits: number;
  emails: number;
  files: string[];
}

/** Everything a submission can leave behind: reports, audit entries, queued mail, files under the upload dir. */
async function stored(): Promise<Stored> {
  return {
    reports: await Report.countDocuments(),
    submitAudits: await AuditEntry.countDocuments({ action: 'report.submit' }),
    emails: await OutboxEmail.countDocuments(),
    files: filesUnder(t.uploadDir),
  };
}

/** Runs a request that must be refused, and checks the problem and that nothing was stored. */
async function expectRefused(
  send: () => Promise<Response>,
  status: number,
  code: Parameters<typeof expectProblem>[2],
): Promise<Response> {
  const before = await stored();
  const res = await send();
  const after = await stored();
  // Whatever was left behind is removed here, so one failure does not spill into later tests.
  for (const f of after.files.filter((x) => !before.files.includes(x)))
    fs.rmSync(path.join(t.uploadDir, f), { force: true });
  expectProblem(res, status, code);
  expect(after).toEqual(before);
  return res;
}

const evidenceFiles = () => filesUnder(path.join(t.uploadDir, 'evidence'));

async function everyDocumentJson(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const c of await db.listCollections().toArray())
    parts.push(JSON.stringify(await db.collection(c.name).find().toArray()));
  return parts.join('\n');
}

describe('a valid submission', () => {
  const reporter = { name: '王小明', phone: '13800138000', email: 'wang.xm@example.cn' };
  const ua = 'Mozilla/5.0 (WoodpeckerProbe-7f3a; Android 14)';
  const clientIp = '127.91.82.73';
  let res: Response;
  let upload: EvidenceUpload[];

  beforeAll(async () => {
    upload = [
      { content: photo, filename: 'IMG_0001.jpg', contentType: 'image/jpeg' },
      {
        content: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
        filename: '整改通知.pdf',
        contentType: 'application/pdf',
      },
    ];
    const report = validReport({
      anonymous: false,
      reporter,
      occurredAt: '2025-03-02T21:30:00+08:00',
      address: '林州市红旗渠大道 88 号 3 号仓库',
      subjectName: '林州某物流有限公司',
    });
    res = await submit(t.app, report, upload).set('User-Agent', ua).set('X-Forwarded-For', clientIp);
  });

  test('201 with a receipt {reference, accessKey}: a readable reference and a 100-bit access key, not cacheable', () => {
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['accessKey', 'reference']);
    expect(res.body.reference).toMatch(REFERENCE);
    expect(res.body.accessKey).toMatch(ACCESS_KEY);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('the report is stored with its fields, status submitted, from the web', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(doc).toMatchObject({
      status: 'submitted',
      channel: 'web',
      category: 'fire-exits-blocked',
      sector: categories.find((c) => c.code === 'fire-exits-blocked')!.sector,
      area: '410581',
      description: validReport().description,
      anonymous: false,
      address: '林州市红旗渠大道 88 号 3 号仓库',
      subjectName: '林州某物流有限公司',
    });
    expect(doc.occurredAt?.toISOString()).toBe('2025-03-02T13:30:00.000Z');
    expect(Math.abs(doc.submittedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  test('the access key is kept only as a versioned HMAC under the server key: it is nowhere in the database', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(doc.accessKeyHash).toMatch(/^h1:[\w-]{43}$/);
    expect(doc.accessKeyHash).toBe(hashAccessKey(t.box, res.body.accessKey));
    expect((await verifyAccessKey(t.box, res.body.accessKey, doc.accessKeyHash)).ok).toBe(true);
    const key: string = res.body.accessKey;
    const everything = await everyDocumentJson();
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(key.replace(/-/g, ''));
    expect(everything.toLowerCase()).not.toContain(key.toLowerCase());
  });

  test('the reporter’s identity is sealed: neither name, phone nor email appears in the clear', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    // Sealed under the report's own reporter-identity key (crypto-shredding), not the server key.
    expect(doc.reporterSealed).toMatch(/^k1:/);
    expect(doc.notifyEmailSealed).toMatch(/^k1:/);
    const opened = await openReportData(t.box, doc.reference, 'reporter-identity', doc.reporterSealed!);
    expect(JSON.parse(opened)).toEqual(reporter);
    const json = JSON.stringify(doc);
    for (const secret of [reporter.name, reporter.phone, reporter.email]) expect(json).not.toContain(secret);
    const audit = JSON.stringify(await AuditEntry.find({ 'target.id': res.body.reference }).lean());
    for (const secret of [reporter.name, reporter.phone, reporter.email]) expect(audit).not.toContain(secret);
  });

  test('no trace of the submitter’s connection: no address, no user agent', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    const json = JSON.stringify(doc);
    for (const trace of [clientIp, '127.0.0.1', '::ffff:', 'WoodpeckerProbe', 'Mozilla'])
      expect(json).not.toContain(trace);
    expect(json).not.toMatch(/"(ip|ips|remoteAddress|userAgent|user-agent|headers)"/i);
    const everything = await everyDocumentJson();
    expect(everything).not.toContain(clientIp);
    expect(everything).not.toContain('WoodpeckerProbe');
  });

  test('a public timeline entry "submitted" and an audit entry report.submit', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(doc.timeline).toHaveLength(1);
    expect(doc.timeline[0]).toMatchObject({ type: 'submitted', public: true });
    const entries = await AuditEntry.find({ action: 'report.submit', 'target.id': res.body.reference }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: null, target: { type: 'report', id: res.body.reference } });
    expect(JSON.stringify(entries[0].details)).not.toContain(validReport().description as string);
  });

  test('evidence records carry the SHA-256 of the received bytes, and each file is on disk under its id', async () => {
    const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(doc.evidence).toHaveLength(2);
    const [jpg, pdf] = doc.evidence;
    expect(jpg).toMatchObject({
      kind: 'photo',
      mime: 'image/jpeg',
      receivedSha256: sha256(photo),
      addedBy: 'reporter',
      metadataRemoved: true,
    });
    expect(pdf).toMatchObject({
      kind: 'document',
      mime: 'application/pdf',
      receivedSha256: sha256(upload[1].content),
      storedSha256: sha256(upload[1].content),
      metadataRemoved: false,
      size: upload[1].content.length,
    });
    for (const e of doc.evidence) {
      expect(e.fileId).toMatch(/^[0-9a-f]{32}$/);
      const onDisk = fs.readFileSync(storedPath(t.uploadDir, e.fileId));
      expect(sha256(onDisk)).toBe(e.storedSha256);
      expect(onDisk.length).toBe(e.size);
    }
    expect(fs.readFileSync(storedPath(t.uploadDir, pdf.fileId)).equals(upload[1].content)).toBe(true);
    expect(evidenceFiles()).toEqual(
      expect.arrayContaining(doc.evidence.map((e) => path.join(e.fileId.slice(0, 2), e.fileId))),
    );
    expect(filesUnder(t.store.tempDir)).toEqual([]);
  });

  test('an anonymous report with no evidence: nothing sealed, no email queued for a reporter', async () => {
    const before = await OutboxEmail.countDocuments();
    const r = await submit(t.app, validReport());
    expect(r.status).toBe(201);
    const doc = (await Report.findOne({ reference: r.body.reference }).lean())!;
    expect(doc.anonymous).toBe(true);
    expect(doc.reporterSealed).toBeUndefined();
    expect(doc.notifyEmailSealed).toBeUndefined();
    expect(doc.evidence).toEqual([]);
    expect(await OutboxEmail.countDocuments()).toBe(before);
  });

  test('the `report` part may also come as a JSON file part', async () => {
    const { body, contentType } = multipartBody([
      {
        name: 'report',
        filename: 'report.json',
        contentType: 'application/json',
        content: JSON.stringify(validReport()),
      },
    ]);
    const r = await request(t.app)
      .post('/api/v1/reports')
      .set('X-Forwarded-For', nextClientIp())
      .set('Content-Type', contentType)
      .send(body);
    expect(r.status).toBe(201);
    expect(filesUnder(t.store.tempDir)).toEqual([]);
  });

  test('a report from a poster carries its code', async () => {
    const admin = (await Staff.findOne({ username: 'admin' }).lean())!;
    await Poster.create({
      code: 'RZ7Q2K',
      siteName: '3 号仓库',
      enterpriseName: '林州某物流有限公司',
      areaCode: '410581',
      sector: 'fire-safety',
      address: '红旗渠大道 88 号',
      createdBy: admin._id,
    });
    const r = await submit(t.app, validReport({ posterCode: 'RZ7Q2K' }));
    expect(r.status).toBe(201);
    expect((await Report.findOne({ reference: r.body.reference }).lean())?.posterCode).toBe('RZ7Q2K');
  });
});

describe('bad input: a clear 4xx and nothing stored', () => {
  const withPhoto = (report: unknown) => () => submit(t.app, report, [{ content: photo }]);

  test.each<[string, string, Record<string, unknown>]>([
    ['category missing', 'report.category', validReport({ category: undefined })],
    ['category not a string', 'report.category', validReport({ category: 42 })],
    ['area missing', 'report.area', validReport({ area: undefined })],
    ['an unknown area', 'report.area', validReport({ area: '110101' })],
    ['description missing', 'report.description', validReport({ description: undefined })],
    ['description too short', 'report.description', validReport({ description: '  出口堵了  ' })],
    ['description too long', 'report.description', validReport({ description: '堵'.repeat(5001) })],
    ['anonymous missing', 'report.anonymous', validReport({ anonymous: undefined })],
    ['anonymous not boolean', 'report.anonymous', validReport({ anonymous: 'false' })],
    ['real-name without reporter', 'report.reporter', validReport({ anonymous: false })],
    [
      'anonymous with reporter',
      'report.reporter',
      validReport({ anonymous: true, reporter: { name: '王小明', phone: '13800138000' } }),
    ],
    [
      'reporter without a name',
      'report.reporter.name',
      validReport({ anonymous: false, reporter: { name: ' ', phone: '13800138000' } }),
    ],
    [
      'a bad phone',
      'report.reporter.phone',
      validReport({ anonymous: false, reporter: { name: '王小明', phone: '12345' } }),
    ],
    [
      'a bad email',
      'report.reporter.email',
      validReport({ anonymous: false, reporter: { name: '王小明', phone: '13800138000', email: 'not-an-email' } }),
    ],
    [
      'occurredAt in the future',
      'report.occurredAt',
      validReport({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ],
    ['occurredAt not a date', 'report.occurredAt', validReport({ occurredAt: 'yesterday' })],
    ['location without shareLocation', 'report.location', validReport({ location: { lat: 36.1, lng: 114.35 } })],
    [
      'location out of range',
      'report.location.lat',
      validReport({ shareLocation: true, location: { lat: 136.1, lng: 114.35 } }),
    ],
    ['a malformed posterCode', 'report.posterCode', validReport({ posterCode: 'lz-7' })],
    ['own employer, anonymously', 'report.employeeOfSubject', validReport({ employeeOfSubject: true })],
  ])('%s → 400 request.invalid naming %s', async (_label, field, report) => {
    const res = await expectRefused(withPhoto(report), 400, 'request.invalid');
    expect(errorPaths(res)).toContain(field);
    expect(res.body.title).toEqual(expect.any(String));
  });

  test('errors come in English with Accept-Language: en', async () => {
    const res = await expectRefused(
      () => submit(t.app, validReport({ description: 'short' }), [{ content: photo }]).set('Accept-Language', 'en'),
      400,
      'request.invalid',
    );
    expect(res.body.title).toBe('The request is invalid; check the fields listed.');
  });

  test('an unknown category → 400 report.unknown_category', async () => {
    const res = await expectRefused(
      withPhoto(validReport({ category: 'no-such-category' })),
      400,
      'report.unknown_category',
    );
    expect(errorPaths(res)).toEqual(['report.category']);
  });

  test('an unknown or retired posterCode → 400 report.unknown_poster', async () => {
    const admin = (await Staff.findOne({ username: 'admin' }).lean())!;
    await Poster.create({
      code: 'D0N3X1',
      siteName: '旧址',
      enterpriseName: '已拆除企业',
      areaCode: '410581',
      sector: 'fire-safety',
      address: '旧址',
      active: false,
      createdBy: admin._id,
    });
    for (const posterCode of ['ZZZZ99', 'D0N3X1']) {
      const res = await expectRefused(withPhoto(validReport({ posterCode })), 400, 'report.unknown_poster');
      expect(errorPaths(res)).toEqual(['report.posterCode']);
    }
  });

  test('the `report` part missing → 400 naming report', async () => {
    const res = await expectRefused(
      () =>
        request(t.app)
          .post('/api/v1/reports')
          .set('X-Forwarded-For', nextClientIp())
          .attach('evidence', photo, { filename: 'a.jpg', contentType: 'image/jpeg' }),
      400,
      'request.invalid',
    );
    expect(errorPaths(res)).toEqual(['report']);
  });

  test('the `report` part not JSON → 400 request.malformed_json', async () => {
    await expectRefused(
      () => submit(t.app, '{"category": "fire-exits-blocked",', [{ content: photo }]),
      400,
      'request.malformed_json',
    );
  });

  test('11 files → 400 evidence.too_many', async () => {
    const files = await Promise.all(
      Array.from({ length: 11 }, async (_, i) => ({ content: await jpeg(), filename: `p${i}.jpg` })),
    );
    await expectRefused(() => submit(t.app, validReport(), files), 400, 'evidence.too_many');
  });

  test('10 files are accepted', async () => {
    const files = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => ({ content: await jpeg(), filename: `p${i}.jpg` })),
    );
    const res = await submit(t.app, validReport(), files);
    expect(res.status).toBe(201);
    expect((await Report.findOne({ reference: res.body.reference }).lean())!.evidence).toHaveLength(10);
  });

  describe('size limits (EVIDENCE_MAX_FILE_MB=1, EVIDENCE_MAX_TOTAL_MB=1.5)', () => {
    let limited: Express;
    let big: Buffer;
    let almost: Buffer;
    beforeAll(async () => {
      limited = appWith({ EVIDENCE_MAX_FILE_MB: '1', EVIDENCE_MAX_TOTAL_MB: '1.5' });
      big = await noisyJpeg(1.3 * 1024 * 1024);
      almost = await noisyJpeg(0.85 * 1024 * 1024);
      expect(big.length).toBeGreaterThan(1024 * 1024);
      expect(almost.length).toBeLessThan(1024 * 1024);
      expect(almost.length * 2).toBeGreaterThan(1.5 * 1024 * 1024);
    });

    test('a file over the per-file limit → 413 evidence.too_large', async () => {
      await expectRefused(
        () => submit(limited, validReport(), [{ content: photo }, { content: big }]),
        413,
        'evidence.too_large',
      );
    });

    test('files each under the limit but together over the total → 413 evidence.too_large', async () => {
      await expectRefused(
        () => submit(limited, validReport(), [{ content: almost }, { content: Buffer.from(almost) }]),
        413,
        'evidence.too_large',
      );
    });

    test('one file just under the per-file limit is accepted', async () => {
      const res = await submit(limited, validReport(), [{ content: almost }]);
      expect(res.status).toBe(201);
    });
  });

  describe('files refused by content', () => {
    const exe = executable();

    test('an executable named .jpg, declared image/jpeg → 415 evidence.type_not_allowed', async () => {
      await expectRefused(
        () => submit(t.app, validReport(), [{ content: exe, filename: 'photo.jpg', contentType: 'image/jpeg' }]),
        415,
        'evidence.type_not_allowed',
      );
    });

    test('an SVG named .png → 415 evidence.type_not_allowed', async () => {
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
      );
      await expectRefused(
        () => submit(t.app, validReport(), [{ content: svg, filename: 'photo.png', contentType: 'image/png' }]),
        415,
        'evidence.type_not_allowed',
      );
    });

    test('HTML named .pdf → 415 evidence.type_not_allowed', async () => {
      await expectRefused(
        () =>
          submit(t.app, validReport(), [
            {
              content: Buffer.from('<!doctype html><html><body>hi</body></html>'),
              filename: 'a.pdf',
              contentType: 'application/pdf',
            },
          ]),
        415,
        'evidence.type_not_allowed',
      );
    });

    test('a polyglot: a valid JPEG with a ZIP archive appended → 415 evidence.polyglot', async () => {
      const polyglot = Buffer.concat([photo, tinyZip()]);
      expect((await sharp(polyglot).metadata()).format).toBe('jpeg'); // still opens as a photo
      await expectRefused(() => submit(t.app, validReport(), [{ content: polyglot }]), 415, 'evidence.polyglot');
    });

    test('a polyglot: a JPEG with a bare ZIP end record (PK\\x05\\x06 + 18 zero bytes) appended → 415 evidence.polyglot', async () => {
      const polyglot = Buffer.concat([
        photo,
        Buffer.from('PK\x03\x04', 'latin1'),
        Buffer.alloc(26),
        Buffer.from('PK\x05\x06', 'latin1'),
        Buffer.alloc(18),
      ]);
      await expectRefused(() => submit(t.app, validReport(), [{ content: polyglot }]), 415, 'evidence.polyglot');
    });

    test('a polyglot: a JPEG with <script> appended → 415 evidence.polyglot', async () => {
      const polyglot = Buffer.concat([
        photo,
        Buffer.from('<script>fetch("/api/v1/reports").then(r=>r.text())</script>'),
      ]);
      await expectRefused(() => submit(t.app, validReport(), [{ content: polyglot }]), 415, 'evidence.polyglot');
    });

    test('a PNG with an HTML payload after IEND → 415 evidence.polyglot', async () => {
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#888' } })
        .png()
        .toBuffer();
      await expectRefused(
        () =>
          submit(t.app, validReport(), [
            {
              content: Buffer.concat([png, Buffer.from('<html><script>x()</script></html>')]),
              filename: 'a.png',
              contentType: 'image/png',
            },
          ]),
        415,
        'evidence.polyglot',
      );
    });

    test('an empty file → 400 evidence.empty', async () => {
      await expectRefused(() => submit(t.app, validReport(), [{ content: Buffer.alloc(0) }]), 400, 'evidence.empty');
    });

    test('a truncated JPEG (right magic, broken body) → 400 evidence.unreadable', async () => {
      const broken = Buffer.concat([photo.subarray(0, 40), Buffer.alloc(60, 0x41), Buffer.from([0xff, 0xd9])]);
      await expectRefused(() => submit(t.app, validReport(), [{ content: broken }]), 400, 'evidence.unreadable');
    });

    test('a good photo followed by a refused file: the cleaned copy of the good photo is not left behind either', async () => {
      await expectRefused(
        () =>
          submit(t.app, validReport(), [
            { content: photo, filename: 'ok.jpg' },
            { content: exe, filename: 'bad.jpg' },
          ]),
        415,
        'evidence.type_not_allowed',
      );
    });
  });

  describe('smuggling that must not depend on where the payload sits or on the location choice', () => {
    let bigPhoto: Buffer;
    const EOI = Buffer.from([0xff, 0xd9]);
    beforeAll(async () => {
      bigPhoto = await noisyJpeg(8000); // longer than the 1 KB the polyglot check reads at each end
    });

    test.each([false, true])(
      'a JPEG + ZIP polyglot whose ZIP has a 2 KB comment ending in FF D9 → 415 evidence.polyglot (shareLocation %s)',
      async (shareLocation) => {
        const comment = Buffer.concat([Buffer.alloc(2000, 0x20), EOI]); // the ZIP end record now sits 2 KB before the end
        const polyglot = Buffer.concat([bigPhoto, tinyZip('run.bat', 'calc.exe\r\n', comment)]);
        const report = validReport(shareLocation ? { shareLocation: true, location: { lat: 36.1, lng: 114.35 } } : {});
        await expectRefused(() => submit(t.app, report, [{ content: polyglot }]), 415, 'evidence.polyglot');
      },
    );

    test.each([false, true])(
      'a JPEG with <script> appended, then 2 KB of padding ending in FF D9 → 415 evidence.polyglot (shareLocation %s)',
      async (shareLocation) => {
        const polyglot = Buffer.concat([
          bigPhoto,
          Buffer.from('<script>fetch("/api/v1/reports")</script>'),
          Buffer.alloc(2000, 0x20),
          EOI,
        ]);
        const report = validReport(shareLocation ? { shareLocation: true, location: { lat: 36.1, lng: 114.35 } } : {});
        await expectRefused(() => submit(t.app, report, [{ content: polyglot }]), 415, 'evidence.polyglot');
      },
    );

    test.each([false, true])(
      'JPEG headers with an executable where the image data should be → 400 evidence.unreadable (shareLocation %s)',
      async (shareLocation) => {
        const fake = Buffer.concat([jpegHeaders(photo), executable(), Buffer.alloc(2000, 0x41), EOI]);
        const report = validReport(shareLocation ? { shareLocation: true, location: { lat: 36.1, lng: 114.35 } } : {});
        await expectRefused(() => submit(t.app, report, [{ content: fake }]), 400, 'evidence.unreadable');
      },
    );

    test('an ftyp box followed by bytes that are not boxes → 400 evidence.unreadable, also with shareLocation', async () => {
      const fake = Buffer.concat([isoMediaWithGps().subarray(0, 24), executable()]);
      await expectRefused(
        () => submit(t.app, validReport(), [{ content: fake, filename: 'clip.mp4', contentType: 'video/mp4' }]),
        400,
        'evidence.unreadable',
      );
      await expectRefused(
        () =>
          submit(t.app, validReport({ shareLocation: true, location: { lat: 36.1, lng: 114.35 } }), [
            { content: fake, filename: 'clip.mp4', contentType: 'video/mp4' },
          ]),
        400,
        'evidence.unreadable',
      );
    });

    test('an executable wrapped in an ISO `free` box, named .mov → 415 evidence.type_not_allowed', async () => {
      const wrapped = isoBox('free', executable());
      await expectRefused(
        () =>
          submit(t.app, validReport(), [{ content: wrapped, filename: 'clip.mov', contentType: 'video/quicktime' }]),
        415,
        'evidence.type_not_allowed',
      );
    });
  });

  describe('path-like file names', () => {
    const names = [
      '../../etc/passwd.jpg',
      '..\\..\\..\\windows\\win.ini.jpg',
      '/tmp/wp-escape.jpg',
      '..%2F..%2Fescape.jpg',
    ];
    const outside = (uploadDir: string) => [
      path.resolve(uploadDir, 'tmp', '../../etc/passwd.jpg'),
      path.resolve(uploadDir, 'evidence', '../../etc/passwd.jpg'),
      path.resolve(uploadDir, '../../etc/passwd.jpg'),
      path.resolve('../../etc/passwd.jpg'),
      '/etc/passwd.jpg',
      '/tmp/wp-escape.jpg',
    ];

    test('a valid JPEG named ../../etc/passwd.jpg is accepted and stored under a random name, nothing outside the upload dir', async () => {
      const before = new Set(evidenceFiles());
      const parts = [
        { name: 'report', content: JSON.stringify(validReport()) },
        ...names.map((filename) => ({ name: 'evidence', filename, contentType: 'image/jpeg', content: photo })),
      ];
      const { body, contentType } = multipartBody(parts);
      const res = await request(t.app)
        .post('/api/v1/reports')
        .set('X-Forwarded-For', nextClientIp())
        .set('Content-Type', contentType)
        .send(body);

      expect(res.status).toBe(201);
      const doc = (await Report.findOne({ reference: res.body.reference }).lean())!;
      expect(doc.evidence).toHaveLength(names.length);
      const added = evidenceFiles().filter((f) => !before.has(f));
      expect(added.sort()).toEqual(doc.evidence.map((e) => path.join(e.fileId.slice(0, 2), e.fileId)).sort());
      for (const f of added) expect(f).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(JSON.stringify(doc)).not.toMatch(/passwd|win\.ini|escape/);
      for (const p of outside(t.uploadDir)) expect(fs.existsSync(p)).toBe(false);
      expect(filesUnder(t.store.tempDir)).toEqual([]);
    });

    test('a refused file with a path-like name leaves nothing anywhere', async () => {
      const { body, contentType } = multipartBody([
        { name: 'report', content: JSON.stringify(validReport()) },
        {
          name: 'evidence',
          filename: '../../etc/passwd.jpg',
          contentType: 'image/jpeg',
          content: Buffer.from('MZ this is not a photo at all, just bytes'),
        },
      ]);
      await expectRefused(
        () =>
          request(t.app)
            .post('/api/v1/reports')
            .set('X-Forwarded-For', nextClientIp())
            .set('Content-Type', contentType)
            .send(body),
        415,
        'evidence.type_not_allowed',
      );
      for (const p of outside(t.uploadDir)) expect(fs.existsSync(p)).toBe(false);
    });
  });

  describe('malformed requests', () => {
    test('a multipart body cut off before its closing boundary → 400 request.multipart_invalid', async () => {
      const { body, contentType } = multipartBody(
        [
          { name: 'report', content: JSON.stringify(validReport()) },
          { name: 'evidence', filename: 'a.jpg', contentType: 'image/jpeg', content: photo },
        ],
        undefined,
        false,
      );
      const truncated = body.subarray(0, body.length - 40); // mid-file, no closing boundary
      await expectRefused(
        () =>
          request(t.app)
            .post('/api/v1/reports')
            .set('X-Forwarded-For', nextClientIp())
            .set('Content-Type', contentType)
            .send(truncated),
        400,
        'request.multipart_invalid',
      );
    });

    test('a client that disconnects mid-upload leaves no temp file behind', async () => {
      const big = await noisyJpeg(400_000);
      const { body, contentType } = multipartBody([
        { name: 'report', content: JSON.stringify(validReport()) },
        { name: 'evidence', filename: 'a.jpg', contentType: 'image/jpeg', content: big },
      ]);
      const before = await stored();
      const server = t.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const req = http.request({
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/api/v1/reports',
          headers: { 'content-type': contentType, 'content-length': body.length, 'x-forwarded-for': nextClientIp() },
        });
        req.on('error', () => undefined);
        req.write(body.subarray(0, 200_000));
        for (let i = 0; i < 50 && !filesUnder(t.store.tempDir).length; i++) await new Promise((r) => setTimeout(r, 20)); // the upload has begun
        req.destroy();
        let left = filesUnder(t.store.tempDir);
        for (let i = 0; i < 40 && left.length; i++) {
          await new Promise((r) => setTimeout(r, 50)); // 2 s for the server to clean up
          left = filesUnder(t.store.tempDir);
        }
        for (const f of left) fs.rmSync(path.join(t.store.tempDir, f), { force: true });
        expect(left).toEqual([]);
        expect(await stored()).toEqual(before);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });

    test('a multipart content type without a boundary → 400 request.multipart_invalid', async () => {
      await expectRefused(
        () =>
          request(t.app)
            .post('/api/v1/reports')
            .set('X-Forwarded-For', nextClientIp())
            .set('Content-Type', 'multipart/form-data')
            .send(Buffer.from('garbage')),
        400,
        'request.multipart_invalid',
      );
    });

    test('an evidence part under another name → 400 request.multipart_invalid', async () => {
      const { body, contentType } = multipartBody([
        { name: 'report', content: JSON.stringify(validReport()) },
        { name: 'attachment', filename: 'a.jpg', contentType: 'image/jpeg', content: photo },
      ]);
      await expectRefused(
        () =>
          request(t.app)
            .post('/api/v1/reports')
            .set('X-Forwarded-For', nextClientIp())
            .set('Content-Type', contentType)
            .send(body),
        400,
        'request.multipart_invalid',
      );
    });

    test('a JSON body instead of multipart → 415 request.unsupported_media_type', async () => {
      await expectRefused(
        () =>
          request(t.app).post('/api/v1/reports').set('X-Forwarded-For', nextClientIp()).send({ report: validReport() }),
        415,
        'request.unsupported_media_type',
      );
    });

    test('a malformed Idempotency-Key → 400 naming the header', async () => {
      const res = await expectRefused(
        () => submit(t.app, validReport(), [{ content: photo }], { 'Idempotency-Key': 'short' }),
        400,
        'request.invalid',
      );
      expect(errorPaths(res)).toEqual(['headers.idempotency-key']);
    });
  });
});

describe('idempotent retries (Idempotency-Key)', () => {
  test('the same key twice → the same receipt, one report, one set of files', async () => {
    const key = 'retry-7d1c2b9e-4f60-4a0a';
    const report = validReport({ description: '重试提交：脚手架没有安全网，工人在二十米高处作业。' });
    const files = [{ content: photo }];
    const before = await stored();

    const first = await submit(t.app, report, files, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const afterFirst = await stored();
    const second = await submit(t.app, report, files, { 'Idempotency-Key': key });

    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await Report.countDocuments({ 'retry.keyHash': idempotencyKeyHash(t.box, key) })).toBe(1);
    expect(afterFirst.reports).toBe(before.reports + 1);
    expect(afterFirst.files.length).toBe(before.files.length + 1);
    expect(await stored()).toEqual(afterFirst);
    const doc = (await Report.findOne({ 'retry.keyHash': idempotencyKeyHash(t.box, key) }).lean())!;
    expect((await verifyAccessKey(t.box, second.body.accessKey, doc.accessKeyHash)).ok).toBe(true);
  });

  test('two concurrent sends with one key → one report, the same receipt to both', async () => {
    const key = 'race-0c8f1e2d-99aa-4b7b';
    const report = validReport({ description: '并发重试：配电室门口堆满纸箱，灭火器过期。' });
    const [a, b] = await Promise.all([
      submit(t.app, report, [{ content: photo }], { 'Idempotency-Key': key }),
      submit(t.app, report, [{ content: photo }], { 'Idempotency-Key': key }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const doc = (await Report.findOne({ 'retry.keyHash': idempotencyKeyHash(t.box, key) }).lean())!;
    expect(await Report.countDocuments({ 'retry.keyHash': idempotencyKeyHash(t.box, key) })).toBe(1);
    const referenced = new Set(
      (await Report.find({}, { evidence: 1 }).lean()).flatMap((r) => r.evidence.map((e) => e.fileId)),
    );
    expect(
      evidenceFiles()
        .map((f) => path.basename(f))
        .filter((id) => !referenced.has(id)),
    ).toEqual([]); // the loser's file was removed
    expect(doc.evidence).toHaveLength(1);
    expect(filesUnder(t.store.tempDir)).toEqual([]);
  });

  test('the same key with different content → 422 idempotency.mismatch, nothing stored', async () => {
    const key = 'mismatch-5a5a5a5a-1234';
    const first = await submit(t.app, validReport(), [{ content: photo }], { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    await expectRefused(
      () =>
        submit(
          t.app,
          validReport({ description: '内容不同的另一份举报：仓库消防栓被锁住了。' }),
          [{ content: photo }],
          { 'Idempotency-Key': key },
        ),
      422,
      'idempotency.mismatch',
    );
    await expectRefused(
      async () => submit(t.app, validReport(), [{ content: await jpeg() }], { 'Idempotency-Key': key }),
      422,
      'idempotency.mismatch',
    ); // same text, other file
  });
});

describe('proof of work (WOODPECKER_POW_BITS=8)', () => {
  let powApp: Express;
  const challenge = async () => {
    const res = await request(powApp).get('/api/v1/pow/challenge');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.bits).toBe(8);
    return res.body.challenge as string;
  };
  beforeAll(() => {
    powApp = appWith({ WOODPECKER_POW_BITS: '8' });
  });

  test('no challenge headers → 428 pow.required, nothing stored', async () => {
    await expectRefused(() => submit(powApp, validReport(), [{ content: photo }]), 428, 'pow.required');
    const c = await challenge();
    await expectRefused(
      () => submit(powApp, validReport(), [{ content: photo }], { 'X-Pow-Challenge': c }),
      428,
      'pow.required',
    );
  });

  test('a wrong nonce → 400 pow.invalid, nothing stored', async () => {
    const c = await challenge();
    await expectRefused(
      () =>
        submit(powApp, validReport(), [{ content: photo }], { 'X-Pow-Challenge': c, 'X-Pow-Nonce': wrongNonce(c, 8) }),
      400,
      'pow.invalid',
    );
  });

  test('a forged challenge (payload changed, bits lowered) → 400 pow.invalid', async () => {
    const c = await challenge();
    const [payload, mac] = c.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, bits: 0 })).toString('base64url')}.${mac}`;
    await expectRefused(
      () =>
        submit(powApp, validReport(), [{ content: photo }], { 'X-Pow-Challenge': forged, 'X-Pow-Nonce': 'anything' }),
      400,
      'pow.invalid',
    );
  });

  test('a solved challenge → 201; the same solution again → 400 pow.invalid (single use)', async () => {
    const c = await challenge();
    const nonce = solvePow(c, 8);
    const ok = await submit(powApp, validReport(), [{ content: photo }], {
      'X-Pow-Challenge': c,
      'X-Pow-Nonce': nonce,
    });
    expect(ok.status).toBe(201);
    expect(await Report.exists({ reference: ok.body.reference })).toBeTruthy();
    await expectRefused(
      () => submit(powApp, validReport(), [{ content: photo }], { 'X-Pow-Challenge': c, 'X-Pow-Nonce': nonce }),
      400,
      'pow.invalid',
    );
  });

  test('with bits 0 no challenge is needed', async () => {
    const res = await submit(t.app, validReport(), [{ content: photo }]);
    expect(res.status).toBe(201);
  });
});

describe('identifying metadata', () => {
  const storedOf = async (reference: string) => {
    const doc = (await Report.findOne({ reference }).lean())!;
    expect(doc.evidence).toHaveLength(1);
    return { record: doc.evidence[0], bytes: fs.readFileSync(storedPath(t.uploadDir, doc.evidence[0].fileId)), doc };
  };

  test('a photo with EXIF GPS and device → stored without EXIF; metadataRemoved, stored hash differs from received', async () => {
    const exifPhoto = await jpegWithExif();
    const original = await sharp(exifPhoto).metadata();
    expect(original.exif).toBeDefined();
    expect(exifPhoto.includes('AcmePhone')).toBe(true);

    const res = await submit(t.app, validReport(), [{ content: exifPhoto }]);
    expect(res.status).toBe(201);
    const { record, bytes } = await storedOf(res.body.reference);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([original.width, original.height]);
    expect(bytes.includes('AcmePhone')).toBe(false);
    expect(record.metadataRemoved).toBe(true);
    expect(record.receivedSha256).toBe(sha256(exifPhoto));
    expect(record.storedSha256).toBe(sha256(bytes));
    expect(record.storedSha256).not.toBe(record.receivedSha256);
  });

  test('with shareLocation and a location, the photo keeps its GPS position and loses the device', async () => {
    const exifPhoto = await jpegWithExif();
    const res = await submit(t.app, validReport({ shareLocation: true, location: { lat: 36.0833, lng: 114.35 } }), [
      { content: exifPhoto },
    ]);
    expect(res.status).toBe(201);
    const { record, bytes, doc } = await storedOf(res.body.reference);
    expect(gpsTags((await sharp(bytes).metadata()).exif)).toMatchObject({
      GPSLatitudeRef: 'N',
      GPSLatitude: '36/1 5/1 0/1',
    });
    expect(bytes.includes('AcmePhone')).toBe(false);
    expect(record).toMatchObject({
      metadataRemoved: true,
      receivedSha256: sha256(exifPhoto),
      storedSha256: sha256(bytes),
    });
    expect(doc.location).toEqual({ lat: 36.0833, lng: 114.35 });
  });

  test.each([
    ['an MP4', 'isom', 'video/mp4', 'clip.mp4'],
    ['a MOV', 'qt  ', 'video/quicktime', 'clip.mov'],
  ] as const)(
    '%s with a ©xyz GPS box → its udta becomes free, no GPS text left, same length',
    async (_label, brand, mime, filename) => {
      const video = isoMediaWithGps(brand);
      const udtaAt = video.indexOf('udta', 0, 'latin1');
      expect(udtaAt).toBeGreaterThan(0);
      expect(video.includes(GPS_TEXT)).toBe(true);

      const res = await submit(t.app, validReport(), [{ content: video, filename, contentType: mime }]);
      expect(res.status).toBe(201);
      const { record, bytes } = await storedOf(res.body.reference);
      expect(record).toMatchObject({
        kind: 'video',
        mime,
        metadataRemoved: true,
        receivedSha256: sha256(video),
        storedSha256: sha256(bytes),
      });
      expect(bytes.length).toBe(video.length);
      expect(bytes.toString('latin1', udtaAt, udtaAt + 4)).toBe('free');
      expect(bytes.includes('udta', 0, 'latin1')).toBe(false);
      expect(bytes.includes('\u00a9xyz', 0, 'latin1')).toBe(false);
      expect(bytes.includes(GPS_TEXT, 0, 'latin1')).toBe(false);
      expect(bytes.subarray(0, 8).equals(video.subarray(0, 8))).toBe(true); // still the same kind of file
    },
  );
});

describe('notifications', () => {
  test('intake officers with an email covering the area (listed, or granted every area) get an email; others, and those with no areas, do not', async () => {
    await Staff.create([
      {
        username: 'intake.linzhou',
        displayName: '林州受理员',
        role: 'intake',
        unitCode: 'city-emb',
        areaCodes: ['410581', '410502'],
        email: 'linzhou@emb.example.cn',
        passwordHash: 'scrypt$unused',
      },
      {
        username: 'intake.huaxian',
        displayName: '滑县受理员',
        role: 'intake',
        unitCode: 'city-emb',
        areaCodes: ['410526'],
        email: 'huaxian@emb.example.cn',
        passwordHash: 'scrypt$unused',
      },
      {
        username: 'intake.gone',
        displayName: '已停用',
        role: 'intake',
        unitCode: 'city-emb',
        areaCodes: ['410581'],
        email: 'gone@emb.example.cn',
        passwordHash: 'scrypt$unused',
        disabled: true,
      },
      {
        username: 'verifier.linzhou',
        displayName: '林州核查',
        role: 'verifier',
        unitCode: 'city-emb',
        areaCodes: ['410581'],
        email: 'verifier@emb.example.cn',
        passwordHash: 'scrypt$unused',
      },
      {
        username: 'intake.nowhere',
        displayName: '未分配县区',
        role: 'intake',
        unitCode: 'city-emb',
        areaCodes: [],
        email: 'nowhere@emb.example.cn',
        passwordHash: 'scrypt$unused',
      },
      {
        username: 'intake.citywide',
        displayName: '全市受理员',
        role: 'intake',
        unitCode: 'city-emb',
        areaCodes: [],
        allAreas: true,
        email: 'citywide@emb.example.cn',
        passwordHash: 'scrypt$unused',
      },
    ]);
    const noEmail = await createAccount({ username: 'intake.noemail', role: 'intake', areaCodes: ['410581'] });
    expect(noEmail.id).toBeTruthy();

    const description = '通知测试：加油站旁边有人违规动火焊接，没有任何消防器材。';
    const res = await submit(t.app, validReport({ description, area: '410581' }));
    expect(res.status).toBe(201);
    const mails = await queuedMails(t.box, { text: new RegExp(res.body.reference) });
    expect(mails.map((m) => m.to).sort()).toEqual(['citywide@emb.example.cn', 'linzhou@emb.example.cn']);
    expect(mails.every((m) => m.kind === 'staff-new-report')).toBe(true);
    expect(mails[0]).toMatchObject({ status: 'pending' });
    expect(mails[0].subject).toContain(res.body.reference);
    expect(`${mails[0].subject}\n${mails[0].text}`).not.toContain(description);
  });

  test('a real-name reporter who gave an email gets a content-free email', async () => {
    const reporter = { name: '赵敏', phone: '0372-5921234', email: 'zhaomin@example.cn' };
    const description = '邮件测试：化工厂夜里偷偷往沟里排放废液，气味刺鼻。';
    const category = 'chemicals-illegal-storage';
    const res = await submit(t.app, validReport({ anonymous: false, reporter, description, category, area: '410502' }));
    expect(res.status).toBe(201);

    const mails = await queuedMails(t.box, { to: reporter.email });
    expect(mails).toHaveLength(1);
    const content = `${mails[0].subject}\n${mails[0].text}`;
    // A lock screen or a mail gateway learns nothing: no reference, not even the word "report".
    expect(mails[0]).toMatchObject({ kind: 'reporter-notice', subject: '啄木鸟 通知 / Woodpecker notice' });
    expect(mails[0].text).toContain('/followup');
    for (const leak of [res.body.reference, '举报', /report/i]) expect(content).not.toMatch(leak);
    const name = categories.find((c) => c.code === category)!.name;
    for (const leak of [
      description,
      category,
      name.zh,
      name.en,
      reporter.name,
      reporter.phone,
      res.body.accessKey,
      '410502',
      '文峰区',
    ])
      expect(content).not.toContain(leak);
  });
});
