// Posters: administrators manage them, admin and intake print them, and the
// public scan address /p/:code counts a scan (once per client and day) and hands
// the citizen to the form.
import { Router, type Request, type Response } from 'express';
import { contract } from '../../shared/contract';
import { areaNames, profile, sectorNames } from '../jurisdiction/lookup';
import { posterCodeSchema } from '../../shared/schemas/poster';
import { activePoster, listPosters, posterCreator, posterUpdater, printablePoster, recordScan } from './posters';
import { sendDownload } from '../platform/http/download';
import { defineRoute, documented } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { clientOf, publicLimiter } from '../platform/http/rateLimit';
import { documentRoute } from '../platform/http/openapi';
import { renderPosterPdf } from './posterPdf';
import { placeText } from './posterText';
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

export function posterRoutes(deps: PosterRouteDeps): Router {
  const router = Router();
  const scanUrl = (code: string) => posterScanUrl(deps.publicBaseUrl, code);
  const scans = deps.scans ?? new ScanOnceFilter();

  // The QR code's target. A citizen stands in front of a poster: whatever happens,
  // they land on the report form, never on an error page.
  documentRoute(documented(contract.posters.scan, { access: 'public' }));
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
        const found = scans.firstScan(clientOf(req), parsed.data, now)
          ? await recordScan(parsed.data, now)
          : await activePoster(parsed.data);
        if (found) poster = parsed.data;
      } catch (err) {
        // Database trouble loses one count, not the report: the form checks the code again on submission.
        req.log?.warn({ err }, 'poster scan not counted');
        poster = parsed.data;
      }
    }
    res.redirect(302, `${REPORT_FORM}?poster=${encodeURIComponent(poster)}`);
  });

  defineRoute(router, contract.posters.context, { access: 'public' }, async ({ params }) => {
    const poster = await activePoster(params.code);
    if (!poster) throw fail('poster.not_found');
    return {
      code: poster.code,
      siteName: poster.siteName,
      enterpriseName: poster.enterpriseName,
      areaCode: poster.areaCode,
      sector: poster.sector,
      address: poster.address,
    };
  });

  defineRoute(router, contract.posters.list, { access: 'posters.list' }, async ({ query }) => {
    const items = await listPosters(query);
    return { items: items.map((p) => presentPoster(p, deps.publicBaseUrl)), total: items.length };
  });

  defineRoute(router, contract.posters.create, { access: 'posters.create' }, async ({ body, actor }) => ({
    poster: presentPoster(await posterCreator(actor, body), deps.publicBaseUrl),
  }));

  defineRoute(router, contract.posters.update, { access: 'posters.update' }, async ({ params, body, actor }) => ({
    poster: presentPoster(await posterUpdater(actor, params.code, body), deps.publicBaseUrl),
  }));

  defineRoute(router, contract.posters.pdf, { access: 'posters.print' }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    const pdf = await renderPosterPdf({
      code: poster.code,
      siteName: poster.siteName,
      enterpriseName: poster.enterpriseName,
      area: (await areaNames())(poster.areaCode),
      sector: (await sectorNames())(poster.sector),
      place: placeText(await profile()),
      address: poster.address,
      scanUrl: scanUrl(poster.code),
    });
    return sendDownload(res, pdf, 'application/pdf', `poster-${poster.code}.pdf`);
  });

  defineRoute(router, contract.posters.qrSvg, { access: 'posters.print' }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    return sendDownload(res, await posterQrSvg(scanUrl(poster.code)), 'image/svg+xml', `poster-${poster.code}-qr.svg`);
  });

  defineRoute(router, contract.posters.qrPng, { access: 'posters.print' }, async ({ params, res }) => {
    const poster = await printablePoster(params.code);
    return sendDownload(res, await posterQrPng(scanUrl(poster.code)), 'image/png', `poster-${poster.code}-qr.png`);
  });

  return router;
}
