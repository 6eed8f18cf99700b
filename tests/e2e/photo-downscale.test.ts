// Browser test: a phone photo is made smaller before it leaves the phone, unless the
// reporter ticks "发送原图"; a photo taken sideways (EXIF orientation 6) arrives upright;
// a video gets an upload-time warning on a slow connection. The bytes the page sent are
// read from the request and compared with what the server recorded as received.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type Page } from 'playwright-core';
import sharp from 'sharp';
import { Report } from '../../server/reports/report.model';
import { PHONE, phonePage } from '../support/followupPhone';
import { anonymouslyToReview, expectStep, next, startReport } from '../support/reportForm';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';

const MB = 1024 * 1024;

jest.setTimeout(180_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });

const sha256 = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

/**
 * 4000×3000 JPEGs that compress like a photo (a soft random scene and a little grain),
 * with a red band along the left edge of the stored pixels to tell which way is up:
 * one plain, one marked as taken sideways (EXIF orientation 6).
 */
async function cameraPhotos(): Promise<{ plain: Buffer; sideways: Buffer }> {
  const width = 4000;
  const height = 3000;
  const scene = Buffer.alloc(200 * 150 * 3);
  for (let i = 0; i < scene.length; i++) scene[i] = Math.floor(Math.random() * 256);
  const pixels = await sharp(scene, { raw: { width: 200, height: 150, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  for (let i = 0; i < clamped.length; i++) clamped[i] += ((Math.random() * 10) | 0) - 5;
  for (let row = 0; row < height; row++)
    for (let x = 0; x < 400; x++) clamped.set([230, 20, 20], (row * width + x) * 3);
  const jpeg = () => sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 });
  return { plain: await jpeg().toBuffer(), sideways: await jpeg().withMetadata({ orientation: 6 }).toBuffer() };
}

let photos: { plain: Buffer; sideways: Buffer };
beforeAll(async () => {
  photos = await cameraPhotos();
});

async function openPhone(): Promise<{ page: Page; pageErrors: Error[]; workers: string[]; requested: string[] }> {
  const { page, pageErrors } = await phonePage(suite);
  await page.addInitScript(RECORD_EVIDENCE_SENT);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, pageErrors, workers, requested };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** From the evidence step: anonymous, submitted; the reference and the evidence bytes the page sent. */
async function submitAnonymously(page: Page): Promise<{ reference: string; sent: Buffer }> {
  await anonymouslyToReview(page);
  await page.getByTestId('submit-report').click();
  await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 60_000 });
  const sent = await page.evaluate(`(async () => {
    const files = window.__evidenceSent;
    if (files.length !== 1) throw new Error(files.length + ' evidence parts sent');
    const bytes = new Uint8Array(await files[0].arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return {
    reference: (await page.getByTestId('receipt-reference').textContent())!.trim(),
    sent: Buffer.from(String(sent), 'base64'),
  };
}

/**
 * Keeps each evidence part the page hands to XMLHttpRequest (Chromium does not report
 * file bodies to the test), so the test can compare them with the server's custody hash.
 */
const RECORD_EVIDENCE_SENT = `
  window.__evidenceSent = [];
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    if (body instanceof FormData) window.__evidenceSent = body.getAll('evidence');
    return send.call(this, body);
  };`;

/** What the server recorded and stored for the report's one photo. */
async function storedPhoto(reference: string) {
  const report = await Report.findOne({ reference }).lean();
  expect(report!.evidence).toHaveLength(1);
  const [evidence] = report!.evidence;
  const chunks: Buffer[] = [];
  for await (const chunk of (await suite.server.store.open(evidence.fileId)) as Readable) chunks.push(chunk as Buffer);
  return { evidence, image: await sharp(Buffer.concat(chunks)).metadata() };
}

/** Waits until the photo's smaller copy is made (its size shows "original → smaller"). */
async function waitForSmallerCopy(page: Page): Promise<string> {
  const size = page.getByTestId('evidence-size');
  await size.getByText(/→ \d+(\.\d)? (KB|MB)$/).waitFor({ timeout: 60_000 });
  return (await size.textContent())!;
}

describe('photos on a weak network', () => {
  test('a 4000×3000 photo is sent at 2048 px and under 1 MB; the downscaler loads only with the photo', async () => {
    const photo = photos.plain;
    expect(photo.length).toBeGreaterThan(2 * MB);
    const { page, pageErrors, workers, requested } = await openPhone();
    await startReport(page, suite.server.baseUrl);
    expect(requested.filter((url) => /downscale/.test(url))).toEqual([]); // not on the form's first screens

    await page
      .getByTestId('evidence-any')
      .setInputFiles({ name: 'IMG_20251203_081500.jpg', mimeType: 'image/jpeg', buffer: photo });
    const sizeText = await waitForSmallerCopy(page);
    expect(sizeText).toMatch(/^照片 · \d\.\d MB → \d+ KB$/);
    expect(workers.some((url) => /downscaleWorker/.test(url))).toBe(true); // off the main thread
    await page.getByText('照片会先在手机上缩小', { exact: false }).waitFor();
    expect(await page.getByRole('checkbox', { name: '发送原图' }).isChecked()).toBe(false);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'photo-downscale-evidence-360');

    const { reference, sent } = await submitAnonymously(page);
    expect(sent.length).toBeLessThan(MB);
    const sentImage = await sharp(sent).metadata();
    expect(sentImage).toMatchObject({ format: 'jpeg', width: 2048, height: 1536 });
    expect(sentImage.exif).toBeUndefined(); // nothing about the phone leaves it

    const { evidence, image } = await storedPhoto(reference);
    expect(evidence.receivedSha256).toBe(sha256(sent)); // the custody hash is of what arrived
    expect(evidence.receivedSha256).not.toBe(sha256(photo));
    expect(Math.max(image.width!, image.height!)).toBeLessThanOrEqual(2048);
    expect(pageErrors).toEqual([]);
  });

  test('with "发送原图" ticked the photo arrives byte for byte', async () => {
    const photo = photos.plain;
    const { page, pageErrors } = await openPhone();
    await startReport(page, suite.server.baseUrl);
    await page
      .getByTestId('evidence-any')
      .setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
    await waitForSmallerCopy(page);
    const original = page.getByRole('checkbox', { name: 'IMG_0042.jpg：发送原图' });
    await original.focus(); // reachable and operable from the keyboard
    await page.keyboard.press('Space');
    expect(await original.isChecked()).toBe(true);
    expect(await page.getByTestId('evidence-size').textContent()).toMatch(/^照片 · \d\.\d MB$/);
    await shot(page, 'photo-downscale-original-360');

    await next(page);
    await expectStep(page, '您的身份');
    await page.getByRole('button', { name: '上一步' }).click(); // the choice survives moving between steps
    await expectStep(page, '照片和证据');
    expect(await page.getByRole('checkbox', { name: '发送原图' }).isChecked()).toBe(true);

    const { reference, sent } = await submitAnonymously(page);
    expect(sha256(sent)).toBe(sha256(photo));
    const { evidence, image } = await storedPhoto(reference);
    expect(evidence.receivedSha256).toBe(sha256(photo));
    expect(image).toMatchObject({ width: 4000, height: 3000 });
    expect(pageErrors).toEqual([]);
  });

  test('a photo taken sideways (EXIF orientation 6) arrives upright', async () => {
    const photo = photos.sideways;
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const { page, pageErrors } = await openPhone();
    await startReport(page, suite.server.baseUrl);
    await page
      .getByTestId('evidence-any')
      .setInputFiles({ name: 'IMG_0043.jpg', mimeType: 'image/jpeg', buffer: photo });
    await waitForSmallerCopy(page);
    const { reference, sent } = await submitAnonymously(page);

    // Portrait, with the band that was on the left of the stored pixels now along the top.
    const upright = sharp(sent);
    const meta = await upright.metadata();
    expect(meta).toMatchObject({ width: 1536, height: 2048 });
    expect(meta.orientation ?? 1).toBe(1);
    const { data } = await upright
      .extract({ left: 700, top: 20, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(180);
    expect(data[1]).toBeLessThan(80);

    const { image } = await storedPhoto(reference);
    expect(image).toMatchObject({ width: 1536, height: 2048 });
    expect(pageErrors).toEqual([]);
  });

  test('a video shows how long it would take to upload on the current connection', async () => {
    const { page, pageErrors } = await openPhone();
    await startReport(page, suite.server.baseUrl);
    // The slow phone profile (400 kbit/s, 400 ms); the browser's connection estimate follows it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: 50_000,
      uploadThroughput: 50_000,
    });
    await waitForPageCondition(page, 'navigator.connection && navigator.connection.downlink < 1');
    await page.getByTestId('evidence-any').setInputFiles({
      name: 'VID_20251203.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.alloc(6 * MB, 1), // the page does not look inside; the size is what counts
    });
    const warning = page.getByTestId('evidence-upload-time');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/^这段视频有 6\.0 MB，上传约需 \d+ 分钟（按当前网络估计）/);
    expect(await page.getByRole('checkbox', { name: '发送原图' }).count()).toBe(0); // photos only
    await shot(page, 'photo-downscale-video-warning-360');
    expect(pageErrors).toEqual([]);
  });
});
