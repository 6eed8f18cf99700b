// Browser test: a PDF sent as evidence is previewed on the case page by pdf.js, drawn onto
// canvases inside the console (the server only ever sends the file as a sandboxed download),
// with the download link and the SHA-256 still shown, and nothing blocked by the CSP.
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { intakeEnv, sha256, submit } from '../support/intake';

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);

/** A small, well-formed one-page PDF with some text and a filled shape. */
function onePagePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(24).text('Inspection notice No. 42', 72, 72);
    doc.rect(72, 140, 300, 120).fill('#c0392b');
    doc.end();
  });
}

/** The canvas as the page sees it (the test project has no DOM types). */
interface Canvas {
  width: number;
  height: number;
  getBoundingClientRect(): { width: number; height: number };
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

describe('PDF evidence on the case page', () => {
  test('the preview draws the PDF onto a canvas without page errors or CSP violations', async () => {
    const pdf = await onePagePdf();
    const res = await submit(
      suite.server.baseUrl,
      {
        category: 'fire-exits-blocked',
        area: '410503',
        description: '整改通知书未执行，安全出口仍被货物堵死。',
        subjectName: '北关区某仓储有限公司',
        anonymous: true,
      },
      [{ content: pdf, filename: 'notice.pdf', contentType: 'application/pdf' }],
    );
    expect(res.status).toBe(201);
    const { reference } = res.body as { reference: string };

    const { page, pageErrors } = await suite.signedIn('intake');
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
    const item = page.getByTestId('evidence-item').filter({ hasText: 'application/pdf' });
    await item.waitFor();
    // The hash and the download stay next to the preview.
    await item.getByText(sha256(pdf)).waitFor();
    await item.getByRole('link', { name: /下载/ }).waitFor();

    await item.getByTestId('pdf-preview-open').click();
    const canvas = page.getByRole('dialog').getByTestId('pdf-page');
    await canvas.first().waitFor({ timeout: 30_000 });
    expect(await canvas.count()).toBe(1);
    const size = await canvas.first().evaluate((c) => {
      const el = c as unknown as Canvas;
      const box = el.getBoundingClientRect();
      return { width: el.width, height: el.height, shownWidth: box.width, shownHeight: box.height };
    });
    expect(size.width).toBeGreaterThan(0);
    expect(size.height).toBeGreaterThan(size.width); // portrait A4
    expect(size.shownWidth).toBeGreaterThan(300);
    // Something was painted: the red box is there.
    const painted = await canvas.first().evaluate((c) => {
      const el = c as unknown as Canvas;
      const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      let red = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 150 && data[i + 1]! < 100 && data[i + 2]! < 100) red++;
      return red;
    });
    expect(painted).toBeGreaterThan(1000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-evidence-pdf-preview.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
    expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
