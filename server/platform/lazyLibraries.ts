// Libraries that only some requests need, loaded by the first request that needs them
// rather than when the server starts: exceljs takes about half a second to load, pdfkit
// (with fontkit) about a fifth, and sharp, qrcode and the password dictionaries about a
// seventh between them, paid otherwise by every start and every test suite. Node caches
// a module once loaded, so each call after the first is a lookup.
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type QRCode from 'qrcode';
import type Sharp from 'sharp';

/* eslint-disable @typescript-eslint/no-require-imports */
export const exceljs = (): typeof ExcelJS => require('exceljs');
export const pdfkit = (): typeof PDFDocument => require('pdfkit');
export const qrcode = (): typeof QRCode => require('qrcode');
export const zxcvbn = (): { core: typeof ZxcvbnCore; common: typeof ZxcvbnCommon } => ({
  core: require('@zxcvbn-ts/core'),
  common: require('@zxcvbn-ts/language-common'),
});

let sharpReady: typeof Sharp | undefined;
/**
 * sharp, set up on first use: libvips keeps no cache of decoded images between uploads
 * (memory an attacker could fill), and each image uses one thread, so one upload never
 * holds both cores of a small server.
 */
export function sharp(): typeof Sharp {
  if (!sharpReady) {
    const loaded: typeof Sharp = require('sharp');
    loaded.cache(false);
    loaded.concurrency(1);
    sharpReady = loaded;
  }
  return sharpReady;
}
