// Posters: administrators manage them, admin and intake print them, and the
// public scan address /p/:code counts a scan (once per client and day) and hands
// the citizen to the form.
import { Router, type Request, type Response } from 'express';
import { areas, sectors } from '../../shared/catalog';
import {
  createPosterBody,
  posterCodeParams,
  posterCodeSchema,
  posterContextResponse,
  posterListQuery,
  posterListResponse,
  posterResponse,
  updatePosterBody,
} from '../../shared/schemas/poster';
import { activePoster, listPosters, posterCreator, posterUpdater, printablePoster, recordScan } from './posters';
import { sendDownload } from '../platform/http/download';
import { defineRoute } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { clientOf, publicLimiter } from '../platform/http/rateLimit';
import { documentRoute } from '../platform/http/openapi';
import { renderPosterPdf } from './posterPdf';
import { posterQrPng, posterQrSvg } from './qrCode';
import { ScanOnceFilter } from './scanOnce';
import { posterScanUrl } from './scanUrl';
import { presentPoster } from './poster.presenter';

export interface PosterRouteDeps {
  /** Where citizens reach this system, e.g. https://jubao.example.gov.cn (printed into every QR code). */
  publicBaseUrl: string;
  /** Remembers (in memory, unidentifiably) who already scanned which poster today. */
  scans?: ScanOnceFilter;
}

const REPORT_FORM = '/report';

const label = <T extends { code: string; name: { zh: string; en: string } }>(list: T[], code: string) => list.find((x) => x.code === code)?.name ?? { zh: code, en: code };

export function posterRoutes(deps: PosterRouteDeps): Router {
  const router = Router();
  const scanUrl = (code: string) => posterScanUrl(deps.publicBaseUrl, code);
  const scans = deps.scans ?? new ScanOnceFilter();

  // The QR code's target. A citizen stands in front of a poster: whatever happens,
  // they land on the report form, never on an error page.
  documentRoute({
    method: 'get',
    path: '/p/:code',
    summary: 'Poster QR target: counts the scan (once per client and day), 302 to /report?poster=<code> (poster=unknown for an unknown or retired poster)',
    tag: 'posters',
    access: 'public',
    duringTotpEnrolment: false,
    status: 302,
    params: posterCodeParams,
  });
  // A flood from one client is not counted or looked up; the phone still lands on the form.
  const landOnForm = (req: Request, res: Response) => {
    const code = posterCodeSchema.safeParse(req.params.code);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, `${REPORT_FORM}?poster=${encodeURIComponent(code.success ? code.data : 'unknown')}`);
  };
  router.get('/p/:code', publicLimiter(60_000, 120, undefined, landOnForm), async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const parsed = posterCodeSchema.safeParse(req.params.code);
    let poster = 'unknown';
    if (parsed.success) {
      try {
        const now = new Date();
        const found = scans.firstScan(clientOf(req), parsed.data, now) ? await recordScan(parsed.data, now) : await activePoster(parsed.data);
        if (found) poster = parsed.data;
      } catch (err) {
        // Database trouble loses one count, not the report: the form checks the code again on submission.
        req.log?.warn({ err }, 'poster scan not counted');
        poster = parsed.data;
      }
    }
    res.redirect(302, `${REPORT_FORM}?poster=${encodeURIComponent(poster)}`);
  });

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/posters/:code/context', tag: 'posters', summary: 'What the report form shows about the poster it came from (public; 404 when unknown or retired)', access: 'public', params: posterCodeParams, response: posterContextResponse },
    async ({ params }) => {
      const poster = await activePoster(params.code);
      if (!poster) throw fail('poster.not_found');
      return { code: poster.code, siteName: poster.siteName, enterpriseName: poster.enterpriseName, areaCode: poster.areaCode, sector: poster.sector };
    },
  );

  defineRoute(router, { method: 'get', path: '/api/v1/posters', tag: 'posters', summary: 'List posters, newest first', access: 'posters.list', query: posterListQuery, response: posterListResponse }, async ({ query }) => {
    const items = await listPosters(query);
    return { items: items.map((p) => presentPoster(p, deps.publicBaseUrl)), total: items.length };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/posters', tag: 'posters', summary: 'Create a poster (its code is generated)', access: 'posters.create', body: createPosterBody, response: posterResponse, status: 201 }, async ({ body, actor }) => ({
    poster: presentPoster(await posterCreator(actor, body), deps.publicBaseUrl),
  }));

  defineRoute(router, { method: 'patch', path: '/api/v1/posters/:code', tag: 'posters', summary: 'Change a poster, or retire it with active: false', access: 'posters.update', params: posterCodeParams, body: updatePosterBody, response: posterResponse }, async ({ params, body, actor }) => ({
    poster: presentPoster(await posterUpdater(actor, params.code, body), deps.publicBaseUrl),
  }));

  defineRoute(router, { method: 'get', path: '/api/v1/posters/:code/poster.pdf', tag: 'posters', summary: 'The printable A4 poster (PDF download)', access: 'posters.print', params: posterCodeParams }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    const pdf = await renderPosterPdf({
      code: poster.code,
      siteName: poster.siteName,
      enterpriseName: poster.enterpriseName,
      area: label(areas, poster.areaCode),
      sector: label(sectors, poster.sector),
      address: poster.address,
      scanUrl: scanUrl(poster.code),
    });
    return sendDownload(res, pdf, 'application/pdf', `poster-${poster.code}.pdf`);
  });

  defineRoute(router, { method: 'get', path: '/api/v1/posters/:code/qr.svg', tag: 'posters', summary: 'The poster QR code alone, as SVG (download)', access: 'posters.print', params: posterCodeParams }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    return sendDownload(res, await posterQrSvg(scanUrl(poster.code)), 'image/svg+xml', `poster-${poster.code}-qr.svg`);
  });

  defineRoute(router, { method: 'get', path: '/api/v1/posters/:code/qr.png', tag: 'posters', summary: 'The poster QR code alone, as a 1024 px PNG (download)', access: 'posters.print', params: posterCodeParams }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    return sendDownload(res, await posterQrPng(scanUrl(poster.code)), 'image/png', `poster-${poster.code}-qr.png`);
  });

  return router;
}
