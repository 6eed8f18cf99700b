// Where a report came from when it was sent from a poster's QR code: the poster's
// code and the site printed on it (site, enterprise, address).
import { Typography } from 'antd';
import type { CaseSummary } from './caseTypes';

/** The poster's code and its site in full (the case page). */
export function PosterSource({ report, goneText }: { report: CaseSummary; goneText: string }) {
  if (!report.posterCode) return null;
  const site = report.posterSite;
  return (
    <span data-testid="case-poster">
      <Typography.Text code>{report.posterCode}</Typography.Text>{' '}
      {site ? [site.siteName, site.enterpriseName, site.address].join(' · ') : goneText}
    </span>
  );
}

/** The poster's code and site name on one short line (a queue row). */
export function PosterLine({ report, label }: { report: CaseSummary; label: string }) {
  if (!report.posterCode) return null;
  return (
    <Typography.Text type="secondary" className="case-poster-line" data-testid="queue-poster">
      {label} {report.posterCode}
      {report.posterSite ? ` · ${report.posterSite.siteName}` : ''}
    </Typography.Text>
  );
}
