// 核查结果告知书 as the reporter received them: the conclusion, how it was
// verified, the handling decision and whether the reward conditions are met,
// each with its printable PDF.
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { FileDownload } from '../FileDownload';
import type { FollowupReport } from '../followupApi';
import { dayOf, inReaderLanguage, useOutcomeT } from './outcomeText';

type Letter = FollowupReport['resultLetters'][number];

export function ResultLetters({
  report,
  onFetchPdf,
}: {
  report: FollowupReport;
  /** `n` counts from 1, oldest first. */
  onFetchPdf(n: number): Promise<Blob>;
}) {
  const t = useOutcomeT();
  if (!report.resultLetters.length) return null;
  const several = report.resultLetters.length > 1;
  return (
    <section className="card outcome" aria-labelledby="letters-title" data-testid="result-letters">
      <h2 id="letters-title">{t.lettersTitle}</h2>
      {report.resultLetters.map((letter, i) => (
        <LetterView
          key={letter.letterNo}
          letter={letter}
          n={i + 1}
          heading={several ? t.letterHeading(i + 1) : undefined}
          fileName={t.letterFile(report.reference, i + 1)}
          onFetchPdf={() => onFetchPdf(i + 1)}
        />
      ))}
      <p className="muted">{t.downloadWarning}</p>
    </section>
  );
}

function LetterView({
  letter,
  n,
  heading,
  fileName,
  onFetchPdf,
}: {
  letter: Letter;
  n: number;
  heading?: string;
  fileName: string;
  onFetchPdf(): Promise<Blob>;
}) {
  const t = useOutcomeT();
  const lang = useLang();
  const reward = letter.rewardNote
    ? inReaderLanguage(letter.rewardNote, lang)
    : letter.rewardConditionsMet
      ? t.rewardMet
      : t.rewardNotMet;
  return (
    <article className="outcome__item" data-testid={`result-letter-${n}`}>
      {heading && <h3>{heading}</h3>}
      <dl className="facts">
        <div>
          <dt>{t.letterNo}</dt>
          <dd className="outcome__code" data-testid="letter-no">
            {letter.letterNo}
          </dd>
        </div>
        <div>
          <dt>{t.letterDate}</dt>
          <dd data-testid="letter-date">{dayOf(letter.sentAt)}</dd>
        </div>
      </dl>
      <dl className="outcome__lines">
        <div>
          <dt>{t.conclusion}</dt>
          <dd className="outcome__conclusion" data-testid="letter-conclusion">
            {inReaderLanguage(letter.conclusion, lang)}
          </dd>
        </div>
        <div>
          <dt>{t.account}</dt>
          <dd className="outcome__text">{letter.account}</dd>
        </div>
        <div>
          <dt>{t.handling}</dt>
          <dd className="outcome__text">{letter.handling}</dd>
        </div>
        {letter.penaltyDecisionNo && (
          <div>
            <dt>{t.penaltyNo}</dt>
            <dd data-testid="letter-penalty">{letter.penaltyDecisionNo}</dd>
          </div>
        )}
        {letter.fineFen !== undefined && (
          <div>
            <dt>{t.fine}</dt>
            <dd data-testid="letter-fine">{t.yuan(formatYuan(letter.fineFen))}</dd>
          </div>
        )}
        <div>
          <dt>{t.rewardLabel}</dt>
          <dd data-testid="letter-reward">{reward}</dd>
        </div>
        {letter.objectionDueAt && (
          <div>
            <dt>{t.letterObjectionDue}</dt>
            <dd>{formatDateTime(letter.objectionDueAt)}</dd>
          </div>
        )}
      </dl>
      <FileDownload
        label={t.letterPdf}
        busyLabel={t.letterPdfBusy}
        fileName={fileName}
        onFetch={onFetchPdf}
        testId={`result-letter-pdf-${n}`}
      />
    </article>
  );
}
