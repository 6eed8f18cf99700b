// Protection staff's view of reporter protection on the case page: each protection
// case with its clocks, referrals and outcome, and the check-ins (回访). The words of
// a case (the account, the answer and the officers' notes) are read one at a time (audited), and leave the screen when the dialog closes.
// Opening, referring and closing are steps of the action bar (protectionForms.tsx).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, List, Modal, Space, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { protectionCaseAccountResponse } from '../../../../../shared/schemas/protectionViews';
import { api, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import type { CaseView } from './caseTypes';
import { bodyName, kindName, outcomeName, protectionTexts } from './protectionTexts';

type ProtectionCase = NonNullable<CaseView['protectionCases']>[number];
type CaseAccount = z.infer<typeof protectionCaseAccountResponse>;

function Due({ at, overdue, label }: { at: string; overdue: boolean; label: string }) {
  const t = protectionTexts(useLang());
  return (
    <Typography.Text type={overdue ? 'danger' : undefined}>
      {label} {formatDateTime(at)}
      {overdue ? ` · ${t.overdue}` : ''}
    </Typography.Text>
  );
}

function AccountButton({ reference, caseNo }: { reference: string; caseNo: string }) {
  const lang = useLang();
  const t = protectionTexts(lang);
  const all = useT();
  const [shown, setShown] = useState<CaseAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = async () => {
    setBusy(true);
    setError(null);
    try {
      setShown(await api.get<CaseAccount>(`/reports/${reference}/protection-cases/${caseNo}`));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setShown(null); // never left on screen for the next person at this desk
    setError(null);
  };
  return (
    <>
      <Button size="small" loading={busy} onClick={() => void read()} data-testid={`protection-read-${caseNo}`}>
        {t.readAccount}
      </Button>
      <Modal
        open={!!shown || !!error}
        title={t.accountTitle(caseNo)}
        okText={all.common.close}
        onOk={close}
        onCancel={close}
        cancelButtonProps={{ style: { display: 'none' } }}
        // Closed means gone from the page, not hidden in it.
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} />}
        {shown && (
          <div data-testid="protection-account">
            <Typography.Paragraph type="secondary">{t.readAudited}</Typography.Paragraph>
            {shown.account && (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t.account}>{shown.account}</Descriptions.Item>
              </Descriptions>
            )}
            {shown.checkInAnswer && (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t.checkInAnswer(shown.checkInAnswer.round)}>
                  {shown.checkInAnswer.answer}
                </Descriptions.Item>
              </Descriptions>
            )}
            {(shown.referralNotes.length > 0 || shown.outcomeNote) && (
              <Descriptions column={1} size="small" bordered data-testid="protection-notes">
                {shown.referralNotes.map((n, i) => (
                  <Descriptions.Item
                    key={i}
                    label={`${t.referrals}: ${bodyName(n.body, lang)} · ${formatDateTime(n.at)}`}
                  >
                    {n.note}
                  </Descriptions.Item>
                ))}
                {shown.outcomeNote && <Descriptions.Item label={t.outcome}>{shown.outcomeNote}</Descriptions.Item>}
              </Descriptions>
            )}
            {shown.deleted && <Alert type="info" title={t.deleted} />}
            {!shown.account &&
              !shown.checkInAnswer &&
              !shown.referralNotes.length &&
              !shown.outcomeNote &&
              !shown.deleted && <p>{t.noAccount}</p>}
          </div>
        )}
      </Modal>
    </>
  );
}

function CaseItem({ c, reference }: { c: ProtectionCase; reference: string }) {
  const lang = useLang();
  const t = protectionTexts(lang);
  return (
    <List.Item
      data-testid={`protection-case-${c.caseNo}`}
      actions={c.hasAccount ? [<AccountButton key="read" reference={reference} caseNo={c.caseNo} />] : []}
    >
      <Space orientation="vertical" size={2}>
        <Space wrap>
          <Typography.Text strong>{c.caseNo}</Typography.Text>
          <Tag color={c.closedAt ? 'default' : 'gold'}>{c.closedAt ? t.closed : t.open}</Tag>
          <Tag>{t.sources[c.source] ?? c.source}</Tag>
          {c.kinds.map((k) => (
            <Tag key={k} color="red">
              {kindName(k, lang)}
            </Tag>
          ))}
        </Space>
        <Typography.Text type="secondary">
          {t.opened} {formatDateTime(c.openedAt)}
        </Typography.Text>
        {!c.closedAt && (
          <Space wrap>
            {!c.referrals.length && (
              <Due at={c.firstActionDueAt} overdue={c.firstActionOverdue} label={t.firstActionDue} />
            )}
            <Due at={c.decisionDueAt} overdue={c.decisionOverdue} label={t.decisionDue} />
          </Space>
        )}
        {c.referrals.map((r, i) => (
          <Typography.Text key={i}>
            {t.referrals}: {bodyName(r.body, lang)} · {formatDateTime(r.at)}
          </Typography.Text>
        ))}
        {c.outcome && (
          <Typography.Text>
            {t.outcome}: {outcomeName(c.outcome, lang)}
            {c.closedAt ? ` · ${formatDateTime(c.closedAt)}` : ''}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

export function ProtectionCard({ view }: { view: CaseView }) {
  const lang = useLang();
  const t = protectionTexts(lang);
  // The server sends these to protection staff only.
  if (!view.protectionCases && !view.checkIns) return null;
  const checkIns = view.checkIns ?? [];
  return (
    <Card title={t.title} className="page-card" data-testid="protection-card">
      <List
        size="small"
        header={t.cases}
        dataSource={view.protectionCases ?? []}
        locale={{ emptyText: t.noCases }}
        renderItem={(c) => <CaseItem c={c} reference={view.reference} />}
      />
      <List
        size="small"
        header={t.checkIns}
        dataSource={checkIns}
        locale={{ emptyText: t.noCheckIns }}
        data-testid="protection-check-ins"
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <Typography.Text strong>{t.round(c.round)}</Typography.Text>
              <span>
                {t.sentAt} {formatDateTime(c.sentAt)}
              </span>
              {c.answeredAt ? (
                <>
                  <span>
                    {t.answeredAt} {formatDateTime(c.answeredAt)}
                  </span>
                  <Tag color={c.harm ? 'red' : 'green'}>{c.harm ? t.harm : t.noHarm}</Tag>
                </>
              ) : (
                <Tag color={c.unansweredOverdue ? 'red' : 'default'}>
                  {c.unansweredOverdue ? t.unansweredOverdue : t.unanswered}
                </Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
