// Libraries that only exports and PDFs need, loaded by the first request that needs them
// rather than when the server starts: exceljs takes about half a second to load and pdfkit
// (with fontkit) about a fifth, paid otherwise by every start and every test suite.
// Node caches a module once loaded, so each call after the first is a lookup.
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

/* eslint-disable @typescript-eslint/no-require-imports */
export const exceljs = (): typeof ExcelJS => require('exceljs');
export const pdfkit = (): typeof PDFDocument => require('pdfkit');
