// A file the browser saves (PDF notices and posters, CSV and XLSX exports).
import type { Response } from 'express';
import { RESPONDED } from './defineRoute';

/** `filename` must be plain ASCII built from validated values: it is not escaped. */
export function sendDownload(res: Response, body: Buffer | string, type: string, filename: string): typeof RESPONDED {
  res.status(200).type(type).setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
  return RESPONDED;
}
