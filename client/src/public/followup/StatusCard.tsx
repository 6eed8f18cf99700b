import {
  reportStates,
  stateNames,
  workflowActions,
  type ReportState,
  type WorkflowActionName,
} from '../../../../shared/workflow';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../format';
import { labelIn, useFormsT } from '../formsText';
import type { PublicCatalog } from '../useCatalog';
import type { FollowupReport } from './followupApi';
import { noteInReaderLanguage } from './outcome/outcomeText';

/** A status in plain words; else the workflow's own name; else as the server named it. */
export function useStatusWords() {
  const t = useFormsT().followup;
  const lang = useLang();
  return (status: string) =>
    t.statuses[status] ?? stateNames[status as ReportState]?.[lang === 'en' ? 'en' : 'zh'] ?? status;
}

export function StatusCard({ report, catalog }: { report: FollowupReport; catalog: PublicCatalog }) {
  const t = useFormsT().followup;
  const lang = useLang();
  const words = useStatusWords();
  const category = catalog.categories.find((c) => c.code === report.category);
  const area = catalog.areas.find((a) => a.code === report.area);
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title" className="visually-hidden">
        {t.details}
      </h2>
      <p className="status">
        <span className="status__label">{t.statusLabel}</span>
        <span className={`status__value status__value--${report.status}`} data-testid="followup-status">
          {words(report.status)}
        </span>
      </p>
      {t.statusHelp[report.status] && <p>{t.statusHelp[report.status]}</p>}
      <dl className="facts">
        <div>
          <dt>{t.category}</dt>
          <dd>{labelIn(category?.name, lang, report.category)}</dd>
        </div>
        <div>
          <dt>{t.area}</dt>
          <dd>{labelIn(area?.name, lang, report.area)}</dd>
        </div>
        <div>
          <dt>{t.submittedAt}</dt>
          <dd>{formatDateTime(report.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t.evidenceCount}</dt>
          <dd data-testid="followup-evidence-count">{t.evidenceFiles(report.evidenceCount)}</dd>
        </div>
        <div>
          <dt>{t.identity}</dt>
          <dd>{report.anonymous ? t.anonymous : t.realName}</dd>
        </div>
      </dl>
    </section>
  );
}

function NoteLine({ text }: { text?: string }) {
  return text ? <span className="timeline__note">{text}</span> : null;
}

export function Timeline({ report }: { report: FollowupReport }) {
  const t = useFormsT().followup;
  const words = useStatusWords();
  const lang = useLang();
  // Reward steps have no wording of their own here yet: the workflow's action names serve.
  // The reporter's own steps are named for the state they lead to ("withdrawn"), in the reporter's words.
  const eventWords = (type: string) =>
    t.events[type] ??
    ((reportStates as readonly string[]).includes(type)
      ? words(type)
      : workflowActions[type as WorkflowActionName]?.name[lang === 'en' ? 'en' : 'zh']) ??
    words(type);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t.timelineTitle}</h2>
      <ol className="timeline" data-testid="followup-timeline">
        {report.timeline.map((event, i) => (
          <li key={`${event.at}-${i}`} className="timeline__item">
            <time className="timeline__time" dateTime={event.at}>
              {formatDateTime(event.at)}
            </time>
            <span className="timeline__what">{eventWords(event.type)}</span>
            {/* The system's notes are codes worded in the reader's language; older ones "中文 / English", of which the reader gets their half. */}
            <NoteLine text={noteInReaderLanguage(event, lang)} />
          </li>
        ))}
      </ol>
    </section>
  );
}
