// The reward as the reporter sees it in follow-up: amount, why, where it stands,
// and what they can do now (claim, ask for a review, download the notice).
import { useState } from 'react';
import type { Claim } from '../../../../../shared/schemas/claim';
import { formatYuan } from '../../../../../shared/money';
import { builtInPolicies } from '../../../../../shared/rewards/policies';
import { documentsText } from '../../../../../shared/rewards/texts';
import { stateNames, type ReportState } from '../../../../../shared/workflow';
import { formatDateTime } from '../../../format';
import { useLang, type Lang } from '../../../i18n';
import type { FollowupReport } from '../followupApi';
import { AppealForm } from './AppealForm';
import { ClaimForm } from './ClaimForm';
import { NoticeDownload } from './NoticeDownload';
import { useRewardT } from './rewardText';
import './reward.css';

export type Reward = NonNullable<FollowupReport['reward']>;

export interface RewardActions {
  claim(claim: Claim): Promise<void>;
  appeal(reason: string): Promise<void>;
  notice(): Promise<Blob>;
}

/** States in which the bureau has a notice to print. */
const NOTICE_STATES = new Set(['reward-approved', 'reward-claimed', 'reward-paid']);

const pick = (line: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? line.en : line.zh);
/** The documents applied, "《title》（文号）"; for rewards stored before documents were kept, the version's title. */
const appliedRules = (reward: Reward, lang: Lang): string | undefined => {
  if (reward.documents?.length) return pick(documentsText(reward.documents), lang);
  const policy = builtInPolicies.find((p) => p.id === reward.policy);
  return policy ? pick(policy.title, lang) : undefined;
};
/** paidOn is already a Shanghai calendar day (YYYY-MM-DD); written like the other dates. */
const dayText = (day: string) => day.replaceAll('-', '/');

export function RewardCard({ report, actions }: { report: FollowupReport; actions: RewardActions }) {
  const t = useRewardT();
  const lang = useLang();
  // The step kept, not its words, so the language switch rewords it.
  const [done, setDone] = useState<'claimDone' | 'appealDone' | null>(null);
  const reward = report.reward;
  if (!reward) return null;
  const statusWords =
    t.statuses[reward.status] ??
    stateNames[reward.status as ReportState]?.[lang === 'en' ? 'en' : 'zh'] ??
    reward.status;

  const claim = async (c: Claim) => {
    await actions.claim(c);
    setDone('claimDone');
  };
  const appeal = async (reason: string) => {
    await actions.appeal(reason);
    setDone('appealDone');
  };

  return (
    <section className="card reward" aria-labelledby="reward-title" data-testid="reward-card">
      <h2 id="reward-title">{t.title}</h2>
      <div aria-live="polite">{done && <p className="callout callout--ok">{t[done]}</p>}</div>
      {reward.eligible && (
        <p className="reward__amount">
          <span className="status__label">{t.amountLabel}</span>
          <span className="reward__figure" data-testid="reward-amount">
            {t.yuan(formatYuan(reward.amountFen))}
          </span>
        </p>
      )}
      <p className="status">
        <span className="status__label">{t.statusLabel}</span>
        <span className="reward__status" data-testid="reward-status">
          {statusWords}
        </span>
      </p>
      {reward.status === 'reward-lapsed' && <p className="callout callout--warn">{t.lapsedNote}</p>}
      {reward.refusalReason && (
        <div className="reward__block">
          <h3>{t.refusalLabel}</h3>
          <p className="reward__text" data-testid="reward-refusal">
            {reward.refusalReason}
          </p>
        </div>
      )}
      <RewardFacts reward={reward} />
      {reward.explanation.length > 0 && (
        <div className="reward__block">
          <h3>{t.explanationLabel}</h3>
          <ol className="reward__steps" data-testid="reward-explanation">
            {reward.explanation.map((line, i) => (
              <li key={i}>{pick(line, lang)}</li>
            ))}
          </ol>
        </div>
      )}
      {appliedRules(reward, lang) && (
        <p className="muted" data-testid="reward-policy">
          {t.policyLine(appliedRules(reward, lang)!)}
        </p>
      )}
      {reward.appeal && <AppealOutcome appeal={reward.appeal} />}
      {NOTICE_STATES.has(reward.status) && (
        <NoticeDownload fileName={`reward-notice-${report.reference}.pdf`} onFetch={actions.notice} />
      )}
      {reward.canClaim && (
        <ClaimForm
          anonymous={report.anonymous}
          claimDueAt={reward.claimDueAt}
          returnedReason={reward.claimReturnedReason}
          onClaim={claim}
        />
      )}
      {reward.canAppeal && <AppealForm appealDueAt={reward.appealDueAt} onAppeal={appeal} />}
    </section>
  );
}

/** The dates that matter to the reporter now. */
function RewardFacts({ reward }: { reward: Reward }) {
  const t = useRewardT();
  const rows: [string, string, string][] = [];
  if (reward.claimDueAt && reward.status === 'reward-approved')
    rows.push(['due', t.claimDueLabel, formatDateTime(reward.claimDueAt)]);
  if (reward.claimedAt) rows.push(['claimed', t.claimedAtLabel, formatDateTime(reward.claimedAt)]);
  if (reward.paidOn) rows.push(['paid', t.paidOnLabel, dayText(reward.paidOn)]);
  if (!rows.length) return null;
  return (
    <dl className="facts reward__facts">
      {rows.map(([key, label, value]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd data-testid={`reward-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AppealOutcome({ appeal }: { appeal: NonNullable<Reward['appeal']> }) {
  const t = useRewardT();
  return (
    <div className="reward__block" data-testid="reward-appeal">
      <h3>{t.appealHeading}</h3>
      <dl className="facts reward__facts">
        <div>
          <dt>{t.appealAtLabel}</dt>
          <dd>{formatDateTime(appeal.at)}</dd>
        </div>
        <div>
          <dt>{t.appealOutcomeLabel}</dt>
          <dd>{appeal.outcome ? (t.appealOutcomes[appeal.outcome] ?? appeal.outcome) : t.appealPending}</dd>
        </div>
      </dl>
      {appeal.decisionReason && <p className="reward__text">{t.appealDecision(appeal.decisionReason)}</p>}
    </div>
  );
}
