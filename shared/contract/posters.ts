// Posters: the public scan address and the form's poster context, and the
// administration and printing of posters.
import { createPosterBody, posterCodeParams, posterContextResponse, posterListQuery, posterListResponse, posterResponse, updatePosterBody } from '../schemas/poster';
import { endpoint } from './endpoint';

export const posters = {
  scan: endpoint({ kind: 'redirect', method: 'get', path: '/p/:code', tag: 'posters', summary: 'Poster QR target: counts the scan (once per client and day), 302 to /report?poster=<code> (poster=unknown for an unknown or retired poster)', params: posterCodeParams, status: 302 }),
  context: endpoint({ kind: 'json', method: 'get', path: '/api/v1/posters/:code/context', tag: 'posters', summary: 'What the report form shows about the poster it came from (public; 404 when unknown or retired)', params: posterCodeParams, response: posterContextResponse, status: 200 }),
  list: endpoint({ kind: 'json', method: 'get', path: '/api/v1/posters', tag: 'posters', summary: 'List posters, newest first', query: posterListQuery, response: posterListResponse, status: 200 }),
  create: endpoint({ kind: 'json', method: 'post', path: '/api/v1/posters', tag: 'posters', summary: 'Create a poster (its code is generated)', body: createPosterBody, response: posterResponse, status: 201 }),
  update: endpoint({ kind: 'json', method: 'patch', path: '/api/v1/posters/:code', tag: 'posters', summary: 'Change a poster, or retire it with active: false', params: posterCodeParams, body: updatePosterBody, response: posterResponse, status: 200 }),
  pdf: endpoint({ kind: 'file', contentType: 'application/pdf', method: 'get', path: '/api/v1/posters/:code/poster.pdf', tag: 'posters', summary: 'The printable A4 poster (PDF download)', params: posterCodeParams, status: 200 }),
  qrSvg: endpoint({ kind: 'file', contentType: 'image/svg+xml', method: 'get', path: '/api/v1/posters/:code/qr.svg', tag: 'posters', summary: 'The poster QR code alone, as SVG (download)', params: posterCodeParams, status: 200 }),
  qrPng: endpoint({ kind: 'file', contentType: 'image/png', method: 'get', path: '/api/v1/posters/:code/qr.png', tag: 'posters', summary: 'The poster QR code alone, as a 1024 px PNG (download)', params: posterCodeParams, status: 200 }),
};
