// /followup: sign in with the receipt, then the report's status, timeline and
// messages, what came of it (result letters, an objection, the rectification);
// add evidence, withdraw, sign out. The token lives in sessionStorage only.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { describeError } from '../../api';
import '../forms.css';
import { useFormsT } from '../formsText';
import { useCatalog } from '../useCatalog';
import { AddEvidence } from './AddEvidence';
import { inGroup } from '../../../../shared/workflow';
import {
  endSession,
  followupApi,
  isSessionExpired,
  readSession,
  saveSession,
  type FollowupReport,
  type FollowupSession,
} from './followupApi';
import { MessageThread } from './MessageThread';
import { protectionApi } from './protection/protectionApi';
import { ProtectionPanel } from './protection/ProtectionPanel';
import { ReportOutcome } from './outcome/ReportOutcome';
import { RewardCard } from './reward/RewardCard';
import { SignInForm } from './SignInForm';
import { StatusCard, Timeline } from './StatusCard';
import { WithdrawPanel } from './WithdrawPanel';
import { DuressKeyPanel } from './DuressKeyPanel';

export default function FollowupPage() {
  const t = useFormsT().followup;
  const location = useLocation();
  const [session, setSession] = useState<FollowupSession | null>(readSession);
  const [notice, setNotice] = useState('');

  const signOut = useCallback(
    (why: 'expired' | 'user') => {
      endSession();
      setSession(null);
      setNotice(why === 'expired' ? t.expired : t.signedOut);
    },
    [t],
  );

  if (!session) {
    const fromReceipt = (location.state as { reference?: string } | null)?.reference;
    return (
      <SignInForm
        initialReference={fromReceipt}
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice('');
          setSession(s);
        }}
      />
    );
  }
  return <ReportFollowup session={session} onSignOut={signOut} />;
}

function ReportFollowup({
  session,
  onSignOut,
}: {
  session: FollowupSession;
  onSignOut(why: 'expired' | 'user'): void;
}) {
  const t = useFormsT().followup;
  const catalog = useCatalog();
  const [report, setReport] = useState<FollowupReport | null>(null);
  const [loadError, setLoadError] = useState('');
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  /** Runs a request; an expired session sends the reporter back to sign in. */
  const guarded = useCallback(
    async <T,>(request: () => Promise<T>): Promise<T> => {
      try {
        return await request();
      } catch (error) {
        if (isSessionExpired(error)) onSignOut('expired');
        throw error;
      }
    },
    [onSignOut],
  );

  const load = useCallback(async () => {
    try {
      setReport(await guarded(() => followupApi.report(session)));
      setLoadError('');
    } catch (error) {
      if (!isSessionExpired(error)) setLoadError(describeError(error));
    }
  }, [guarded, session]);

  useEffect(() => {
    heading.current?.focus();
    void load();
  }, [load]);

  const open = report ? inGroup('openToReporter', report.status) : false;
  return (
    <section className="followup" aria-labelledby="followup-report-title">
      <div className="followup__head">
        <h1 id="followup-report-title" tabIndex={-1} ref={heading}>
          {report ? (
            <>
              <span className="followup__label">{t.referenceHeading}</span> {report.reference}
            </>
          ) : (
            t.title
          )}
        </h1>
        <div className="followup__tools">
          <button type="button" className="button button--secondary" onClick={() => void load()}>
            {t.refresh}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onSignOut('user')}
            data-testid="followup-signout"
          >
            {t.signOut}
          </button>
        </div>
      </div>
      <div role="alert">{loadError && <p className="callout callout--error">{loadError}</p>}</div>
      <div aria-live="polite">{notice && <p className="callout callout--ok">{notice}</p>}</div>
      {!report && !loadError && <p className="muted">{t.loading}</p>}
      {report && (
        <>
          <StatusCard report={report} catalog={catalog} />
          <ReportOutcome
            report={report}
            actions={{
              object: async (reason) => setReport(await guarded(() => followupApi.object(session, reason))),
              stillThere: async (body, files, onProgress) =>
                setReport(await guarded(() => followupApi.stillThere(session, body, files, onProgress))),
              letterPdf: (n) => guarded(() => followupApi.resultLetter(session, n)),
            }}
          />
          <RewardCard
            report={report}
            actions={{
              claim: async (claim) => setReport(await guarded(() => followupApi.claimReward(session, claim))),
              appeal: async (reason) => setReport(await guarded(() => followupApi.appealReward(session, reason))),
              notice: () => guarded(() => followupApi.rewardNotice(session)),
            }}
          />
          <ProtectionPanel
            report={report}
            actions={{
              answerCheckIn: async (answer) =>
                setReport(await guarded(() => protectionApi.answerCheckIn(session, answer))),
              reportRetaliation: async (body) =>
                setReport(await guarded(() => protectionApi.reportRetaliation(session, body))),
            }}
          />
          <MessageThread
            report={report}
            closed={inGroup('conversationClosed', report.status)}
            onSend={async (body) => {
              await guarded(() => followupApi.sendMessage(session, body));
              await load();
            }}
          />
          <Timeline report={report} />
          {report.duressKeySet !== undefined && (
            <DuressKeyPanel
              isSet={report.duressKeySet}
              onSet={async () => (await guarded(() => followupApi.setDuressKey(session))).duressKey}
            />
          )}
          {open ? (
            <>
              <AddEvidence
                onUpload={async (files, onProgress) => {
                  const { added } = await guarded(() => followupApi.addEvidence(session, files, onProgress));
                  await load();
                  return added;
                }}
              />
              <WithdrawPanel
                onWithdraw={async (reason) => {
                  await guarded(() => followupApi.withdraw(session, reason));
                  await load();
                  setNotice(t.withdrawDone);
                }}
              />
            </>
          ) : (
            <p className="muted">{t.evidenceClosed}</p>
          )}
        </>
      )}
    </section>
  );
}
