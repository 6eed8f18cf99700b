// The receipt drawn on a canvas and returned as a PNG: no library, system fonts only.
export interface ReceiptImageText {
  title: string;
  referenceLabel: string;
  reference: string;
  accessKeyLabel: string;
  accessKey: string;
  submittedAt: string;
  followup: string;
  warning: string;
}

const WIDTH = 900;
const PAD = 60;
const SANS = "system-ui, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

/** Splits text into lines that fit `maxWidth`, breaking between words or, for Chinese, anywhere. */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  // eslint-disable-next-line no-control-regex -- the range of non-CJK characters starts at U+0000 on purpose
  for (const token of text.match(/[\u0000-\u2e7f]+?(?=\s|$)\s*|./gsu) ?? []) {
    if (ctx.measureText(line + token).width > maxWidth && line) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

export function drawReceipt(text: ReceiptImageText): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = 1100;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, canvas.height);
  ctx.fillStyle = '#9f1d14';
  ctx.fillRect(0, 0, WIDTH, 130);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 40px ${SANS}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(text.title, PAD, 65, WIDTH - 2 * PAD);

  ctx.textBaseline = 'alphabetic';
  let y = 220;
  const label = (s: string) => {
    ctx.fillStyle = '#4a4a4a';
    ctx.font = `30px ${SANS}`;
    ctx.fillText(s, PAD, y);
    y += 80;
  };
  const value = (s: string, size: number) => {
    ctx.fillStyle = '#1a1a1a';
    ctx.font = `bold ${size}px ${MONO}`;
    ctx.fillText(s, PAD, y, WIDTH - 2 * PAD);
    y += 100;
  };
  label(text.referenceLabel);
  value(text.reference, 72);
  label(text.accessKeyLabel);
  value(text.accessKey, 52);

  ctx.strokeStyle = '#d6d1ca';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(PAD, y - 40);
  ctx.lineTo(WIDTH - PAD, y - 40);
  ctx.stroke();

  const paragraph = (s: string, color: string, weight = '') => {
    ctx.fillStyle = color;
    ctx.font = `${weight} 30px ${SANS}`.trim();
    for (const line of wrap(ctx, s, WIDTH - 2 * PAD)) {
      ctx.fillText(line, PAD, y);
      y += 46;
    }
    y += 20;
  };
  paragraph(text.submittedAt, '#1a1a1a');
  paragraph(text.followup, '#0b3a75');
  paragraph(text.warning, '#9f1d14', 'bold');

  // Trim the canvas to what was drawn.
  const height = Math.min(canvas.height, y + 30);
  const out = document.createElement('canvas');
  out.width = WIDTH;
  out.height = height;
  out.getContext('2d')!.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}
