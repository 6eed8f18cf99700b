// What became of the hazard: each rectification's due day and progress, the last
// re-inspection's result, and whether it is late. The reporter may answer "it is
// still there" about one verified fixed, which asks for a new re-inspection.
import { useRef, useState } from 'react';
import { shanghaiDay } from '../../../../../shared/dates';
import { formatDateTime } from '../../../format';
import type { FollowupReport } from '../followupApi';
import { dayText, useOutcomeT } from './outcomeText';
import { StillTherePanel, type StillThereSend } from './StillTherePanel';

type Rectification = FollowupReport['rectifications'][number];

export function Rectifications({ report, onStillThere }: { report: FollowupReport; onStillThere: StillThereSend }) {
  const t = useOutcomeT();
  const [done, setDone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  if (!report.rectifications.length) return null;
  const today = shanghaiDay();

  const stillThere: StillThereSend = async (body, files, onProgress) => {
    await onStillThere(body, files, onProgress);
    setDone(true);
    // The panel is gone: the reader continues at the section's head, with the notice under it.
    requestAnimationFrame(() => heading.current?.focus());
  };

  return (
    <section className="card outcome" aria-labelledby="rectifications-title" data-testid="rectifications">
      <h2 id="rectifications-title" tabIndex={-1} ref={heading}>
        {t.rectificationsTitle}
      </h2>
      <div aria-live="polite">{done && <p className="callout callout--ok">{t.stillThereDone}</p>}</div>
      <p>{t.rectificationsExplain}</p>
      {report.rectifications.map((task, i) => (
        <RectificationView key={task.taskId} task={task} n={i + 1} today={today} />
      ))}
      {report.canSayStillThere && <StillTherePanel dueAt={report.stillThereDueAt} onSend={stillThere} />}
    </section>
  );
}

function RectificationView({ task, n, today }: { task: Rectification; n: number; today: string }) {
  const t = useOutcomeT();
  // Late: still being fixed after its due day (the bureau's calendar day).
  const overdue = task.status === 'open' && task.dueOn < today;
  return (
    <article className="outcome__item" data-testid={`rectification-${n}`}>
      <h3>{t.rectificationHeading(n)}</h3>
      <p className="status">
        <span className="status__label">{t.rectificationStatus}</span>
        <span className={`outcome__status outcome__status--${task.status}`} data-testid="rectification-status">
          {t.rectificationStatuses[task.status] ?? task.status}
        </span>
      </p>
      {task.major && <p className="outcome__tag">{t.rectificationMajor}</p>}
      <dl className="facts">
        <div>
          <dt>{t.rectificationDue}</dt>
          <dd data-testid="rectification-due">{dayText(task.dueOn)}</dd>
        </div>
        {task.lastResult && (
          <div>
            <dt>{t.rectificationLastResult}</dt>
            <dd data-testid="rectification-result">{t.rectificationResults[task.lastResult] ?? task.lastResult}</dd>
          </div>
        )}
        {task.status === 'completed' && task.completedAt && (
          <div>
            <dt>{t.rectificationCompletedAt}</dt>
            <dd>{formatDateTime(task.completedAt)}</dd>
          </div>
        )}
      </dl>
      {task.disputedAt && task.status === 'open' && (
        <p className="callout" data-testid="rectification-disputed">
          {t.rectificationDisputed(formatDateTime(task.disputedAt))}
        </p>
      )}
      {overdue && (
        <p className="callout callout--warn" data-testid="rectification-overdue">
          {t.rectificationOverdue(dayText(task.dueOn))}
        </p>
      )}
    </article>
  );
}
