// A transferred report stays tracked: where it went, when, and the result the
// receiving department sent back.
import { formatDateTime } from '../../../format';
import type { FollowupReport } from '../followupApi';
import { useLang } from '../../../i18n';
import { dayText, inReaderLanguage, useOutcomeT } from './outcomeText';

export function TransferCard({ report }: { report: FollowupReport }) {
  const t = useOutcomeT();
  const lang = useLang();
  const transfer = report.transfer;
  if (!transfer) return null;
  return (
    <section className="card outcome" aria-labelledby="transfer-title" data-testid="transfer">
      <h2 id="transfer-title">{t.transferTitle}</h2>
      <p>{t.transferExplain}</p>
      <dl className="facts">
        <div>
          <dt>{t.transferUnit}</dt>
          <dd data-testid="transfer-unit">
            {transfer.unitName ? inReaderLanguage(transfer.unitName, lang) : t.transferUnitUnknown}
          </dd>
        </div>
        {transfer.at && (
          <div>
            <dt>{t.transferAt}</dt>
            <dd>{formatDateTime(transfer.at)}</dd>
          </div>
        )}
      </dl>
      {transfer.result ? (
        <dl className="outcome__lines">
          <div>
            <dt>{t.transferResult}</dt>
            <dd className="outcome__text" data-testid="transfer-result">
              {transfer.result}
            </dd>
          </div>
          {transfer.receivedOn && (
            <div>
              <dt>{t.transferResultOn}</dt>
              <dd>{dayText(transfer.receivedOn)}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted" data-testid="transfer-pending">
          {t.transferPending}
        </p>
      )}
    </section>
  );
}
