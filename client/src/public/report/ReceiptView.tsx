import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { saveBlob } from '../../saveBlob';
import { Checkbox } from '../forms/Field';
import type { FormMessages } from '../../messages/forms.zh';
import { useFormsT } from '../formsText';
import { drawReceipt } from './receiptImage';
import { useReceiptLeaving } from './receiptLeaving';
import type { Receipt } from './submitReport';
import { DuressKeyPanel } from '../followup/DuressKeyPanel';
import { followupApi, signIn, signOutToken } from '../followup/followupApi';

type ReceiptText = FormMessages['receipt'];

interface Props {
  receipt: Receipt;
  submittedAt: Date;
  /** An anonymous reporter's reward depends on the key alone: they are told so. */
  anonymous: boolean;
  onNewReport(): void;
}

/**
 * Shown once after submission: the reference and the access key, and ways to keep them.
 * The ways that keep the key out of the photo album (and its cloud backup) come first;
 * the image is one choice among them, with its warning. Leaving needs "I have saved it".
 */
export function ReceiptView({ receipt, submittedAt, anonymous, onNewReport }: Props) {
  const t = useFormsT().receipt;
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [blocked, setBlocked] = useState(0);
  const [copied, setCopied] = useState(false);
  const [writing, setWriting] = useState(false);
  // Worded when shown, so a language switch rewords it too.
  const [status, setStatus] = useState<((text: ReceiptText) => string) | null>(null);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const followupUrl = `${window.location.origin}/followup`;
  const { newReport } = useReceiptLeaving({ confirmed, onBlocked: () => setBlocked((n) => n + 1), onNewReport });

  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);

  // A blocked attempt to leave: the confirmation is where the reporter is taken.
  useEffect(() => {
    if (!blocked) return;
    const box = document.getElementById('receipt-saved');
    box?.scrollIntoView({ block: 'center' });
    box?.focus();
  }, [blocked]);

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
      setStatus(() => (text: ReceiptText) => text.imageReady);
    } catch {
      setStatus(() => (text: ReceiptText) => text.copyFailed);
    }
  };

  const receiptText = () => t.copyText(receipt.reference, receipt.accessKey, followupUrl);

  const copy = async () => {
    const ok = await copyText(receiptText());
    setCopied(ok);
    setStatus(() => (text: ReceiptText) => (ok ? text.copied : text.copyFailed));
  };

  const download = () => {
    const name = t.textFileName(receipt.reference);
    saveBlob(new Blob([`${receiptText()}\n\n${t.textFileWarning}\n`], { type: 'text/plain;charset=utf-8' }), name);
    setStatus(() => (text: ReceiptText) => text.downloaded(text.textFileName(receipt.reference)));
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
        {anonymous && (
          <p className="callout callout--warn" data-testid="receipt-anonymous-reward">
            {t.anonymousReward}
          </p>
        )}
        <p>{t.keepSecret}</p>

        <h2 className="receipt__save-title">{t.saveTitle}</h2>
        <p className="muted">{t.saveIntro}</p>
        <div className="receipt__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setWriting((w) => !w)}
            aria-expanded={writing}
            aria-controls="receipt-write-down"
          >
            {t.writeDown}
          </button>
          <button type="button" className="button button--secondary" onClick={download} data-testid="receipt-download">
            {t.download}
          </button>
          <button type="button" className="button button--secondary" onClick={copy} data-testid="receipt-copy">
            {copied ? t.copiedButton : t.copy}
          </button>
        </div>
        <div id="receipt-write-down">
          {writing && (
            <div className="receipt__write" data-testid="receipt-write-down">
              <p>{t.writeDownIntro}</p>
              <p className="receipt__write-code" lang="en">
                {receipt.reference}
              </p>
              <p className="receipt__write-code" lang="en">
                {receipt.accessKey.split('-').join(' - ')}
              </p>
            </div>
          )}
        </div>
        <div className="receipt__image-choice">
          <button type="button" className="button button--quiet" onClick={saveImage} data-testid="receipt-save-image">
            {t.saveImage}
          </button>
          <p className="muted">{t.imageCaution}</p>
        </div>
        <p aria-live="polite" className="receipt__status" data-testid="receipt-status">
          {status?.(t)}
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
        <Checkbox
          id="receipt-saved"
          checked={confirmed}
          onChange={setConfirmed}
          label={t.confirmSaved}
          hint={t.confirmSavedHint}
        />
        <div role="alert">
          {blocked > 0 && !confirmed && (
            <p className="callout callout--warn" data-testid="receipt-confirm-first">
              {t.confirmFirst}
            </p>
          )}
        </div>
        <p className="receipt__links">
          <button
            type="button"
            className="button button--secondary"
            disabled={!confirmed}
            onClick={() => navigate('/followup', { state: { reference: receipt.reference } })}
          >
            {t.followupLink}
          </button>
          <button type="button" className="button button--link" disabled={!confirmed} onClick={newReport}>
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
