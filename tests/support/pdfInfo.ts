// Reads a PDF's document information (Title, Author…) as PDFKit writes it: a
// literal string, UTF-16BE with a byte-order mark when it is not plain ASCII.
const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

function literal(pdf: string, start: number): string {
  let out = '';
  for (let i = start, depth = 0; i < pdf.length; i++) {
    const ch = pdf[i];
    if (ch === '\\') {
      const next = pdf[++i];
      const octal = /^[0-7]{1,3}/.exec(pdf.slice(i, i + 3))?.[0];
      if (octal) {
        out += String.fromCharCode(parseInt(octal, 8));
        i += octal.length - 1;
      } else out += escapes[next] ?? next;
    } else if (ch === '(') {
      depth++;
      out += ch;
    } else if (ch === ')') {
      if (depth-- === 0) break;
      out += ch;
    } else out += ch;
  }
  if (out.startsWith('\u00fe\u00ff')) return Buffer.from(out.slice(2), 'latin1').swap16().toString('utf16le');
  return out;
}

/** The value of `/Key` in the PDF's information dictionary (direct or through an object reference). */
export function pdfInfo(pdf: Buffer, key: string): string | undefined {
  const text = pdf.toString('latin1');
  const at = new RegExp(`/${key} (?:\\((?<direct>)|(?<obj>\\d+) 0 R)`).exec(text);
  if (!at?.groups) return undefined;
  if (at.groups.obj === undefined) return literal(text, at.index + at[0].length);
  const body = new RegExp(`\\n${at.groups.obj} 0 obj\\n\\(`).exec(text);
  return body ? literal(text, body.index + body[0].length) : undefined;
}
