import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useFormsT } from '../formsText';
import { drawReceipt } from './receiptImage';
import type { Receipt } from './submitReport';
import { DuressKeyPanel } from '../followup/DuressKeyPanel';
import { followupApi, signIn, signOutToken } from '../followup/followupApi';

interface Props {
  receipt: Receipt;
  submittedAt: Date;
  onNewReport(): void;
}

/** Shown once after submission: the reference and the access key, and ways to keep them. */
export function ReceiptView({ receipt, submittedAt, onNewReport }: Props) {
  const t = useFormsT().receipt;
  const heading = useRef<HTMLHeadingElement>(null);
  const [kept, setKept] = useState(false);
  const [status, setStatus] = useState('');
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const followupUrl = `${window.location.origin}/followup`;

  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);

  // The key exists only on this screen: ask before the reporter leaves without keeping it.
  useEffect(() => {
    if (kept) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [kept]);

  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  const saveImage = async () => {
    try {
      const blob = await drawReceipt({
        title: t.imageTitle,
        referenceLabel: t.reference,
        reference: receipt.reference,
        accessKeyLabel: t.accessKey,
        accessKey: receipt.accessKey,
        submittedAt: t.imageSubmittedAt(formatDateTime(submittedAt.toISOString())),
        followup: t.imageFollowup(followupUrl),
        warning: t.imageWarning,
      });
      const url = URL.createObjectURL(blob);
      setImageUrl(url);
      const link = document.createElement('a');
      link.href = url;
      link.download = t.fileName(receipt.reference);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setKept(true);
      setStatus(t.imageReady);
    } catch {
      setStatus(t.copyFailed);
    }
  };

  const copy = async () => {
    const ok = await copyText(t.copyText(receipt.reference, receipt.accessKey, followupUrl));
    if (ok) setKept(true);
    setStatus(ok ? t.copied : t.copyFailed);
  };

  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" tabIndex={-1} ref={heading}>
        {t.title}
      </h1>
      <p>{t.thanks}</p>
      <div className="receipt__card" data-testid="receipt">
        <dl className="receipt__codes">
          <dt>{t.reference}</dt>
          <dd className="receipt__reference" data-testid="receipt-reference">
            {receipt.reference}
          </dd>
          <dt>{t.accessKey}</dt>
          <dd className="receipt__key" data-testid="receipt-access-key">
            <GroupedCode code={receipt.accessKey} />
          </dd>
        </dl>
        <p className="callout callout--error">
          <strong>{t.onceWarning}</strong>
        </p>
        <p>{t.keepSecret}</p>
        <div className="receipt__actions">
          <button type="button" className="button button--primary" onClick={saveImage} data-testid="receipt-save-image">
            {t.saveImage}
          </button>
          <button type="button" className="button button--secondary" onClick={copy}>
            {t.copy}
          </button>
        </div>
        <p aria-live="polite" className="receipt__status">
          {status}
        </p>
        {imageUrl && <img className="receipt__image" src={imageUrl} alt={t.imageAlt} data-testid="receipt-image" />}
      </div>

      <DuressKeyPanel isSet={false} onSet={() => duressKeyFor(receipt)} />

      <section className="card" aria-labelledby="receipt-next">
        <h2 id="receipt-next">{t.nextTitle}</h2>
        <ol className="bullets">
          {t.nextSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        <p className="receipt__links">
          <Link
            to="/followup"
            state={{ reference: receipt.reference }}
            className="button button--secondary"
            onClick={() => setKept(true)}
          >
            {t.followupLink}
          </Link>
          <button type="button" className="button button--link" onClick={onNewReport}>
            {t.newReport}
          </button>
        </p>
      </section>
    </section>
  );
}

/** Signs in with the fresh receipt (with its proof of work), sets the duress key, and signs out again. */
async function duressKeyFor(receipt: Receipt): Promise<string> {
  const session = await signIn(receipt.reference, receipt.accessKey);
  try {
    return (await followupApi.setDuressKey(session)).duressKey;
  } finally {
    signOutToken(session);
  }
}

/** The async clipboard where allowed (https), else the old select-and-copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok: boolean;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** A dashed code that may wrap only after a dash, never inside a group. */
function GroupedCode({ code }: { code: string }) {
  const groups = code.split('-');
  return (
    <>
      {groups.map((group, i) => (
        <span key={i}>
          {group}
          {i < groups.length - 1 && (
            <>
              -<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}
