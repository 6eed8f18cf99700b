// What staff see of a poster: its fields, its scan count and the address its QR code carries.
import type { PosterView } from '../../shared/schemas/poster';
import type { PosterFields } from './poster.model';
import { posterScanUrl } from './scanUrl';

type StoredPoster = PosterFields & { createdAt?: Date };

export function presentPoster(p: StoredPoster, publicBaseUrl: string): PosterView {
  return {
    code: p.code,
    siteName: p.siteName,
    enterpriseName: p.enterpriseName,
    areaCode: p.areaCode,
    sector: p.sector,
    address: p.address,
    active: p.active !== false,
    scanCount: p.scanCount ?? 0,
    createdAt: (p.createdAt ?? new Date(0)).toISOString(),
    reportUrl: posterScanUrl(publicBaseUrl, p.code),
  };
}
