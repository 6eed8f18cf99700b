// What the report records around its conclusion: an extension awaiting decision,
// a referral to the level above, the conclusion with its result letter's due date,
// the letters sent (each with its PDF), objections and their review, a transfer and
// its result, and a death case with its investigation report.
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { downloadFile } from '../../download';
import { useReferenceData } from '../../referenceData';
import type { CaseView } from './caseTypes';

type Letter = CaseView['resultLetters'][number];
type Objection = CaseView['objections'][number];

const past = (iso: string | undefined, now: number) => !!iso && new Date(iso).getTime() < now;

function hasOutcome(view: CaseView): boolean {
  return !!(
    view.extensionRequest ||
    view.referral ||
    view.conclusion ||
    view.resultLetters.length ||
    view.objections.length ||
    view.transferredTo ||
    view.deathCase
  );
}

function LetterItem({ reference, letter, n }: { reference: string; letter: Letter; n: number }) {
  const { sections: s, sep } = useT().cases.outcome;
  const penalty = letter.penaltyDecisionNo
    ? s.letterPenalty(letter.penaltyDecisionNo, letter.fineFen ? formatYuan(letter.fineFen) : '')
    : '';
  return (
    <List.Item
      data-testid="result-letter"
      actions={[
        <Button
          key="pdf"
          size="small"
          icon={<FilePdfOutlined />}
          data-testid="result-letter-pdf"
          onClick={() => void downloadFile(`/reports/${reference}/result-letters/${n}/pdf`, `${letter.letterNo}.pdf`)}
        >
          {s.letterPdf}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size={0}>
        <Space wrap>
          <Typography.Text strong>{letter.letterNo}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(letter.sentAt)}</Typography.Text>
          <Tag color={letter.rewardConditionsMet ? 'green' : 'default'}>
            {letter.rewardConditionsMet ? s.rewardMet : s.rewardNotMet}
          </Tag>
        </Space>
        <Typography.Text>{letter.conclusion}</Typography.Text>
        <Typography.Text className="case-description">
          {s.letterAccount}
          {sep}
          {letter.account}
        </Typography.Text>
        <Typography.Text className="case-description">
          {s.letterHandling}
          {sep}
          {letter.handling}
        </Typography.Text>
        {penalty && (
          <Typography.Text>
            {s.letterPenaltyLabel}
            {sep}
            {penalty}
          </Typography.Text>
        )}
        {letter.objectionDueAt && (
          <Typography.Text type="secondary">
            {s.objectionDueAt}
            {sep}
            {formatDateTime(letter.objectionDueAt)}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

function ObjectionItem({ objection, now }: { objection: Objection; now: number }) {
  const all = useT();
  const { sections: s, sep } = all.cases.outcome;
  const overdue = !objection.decidedAt && past(objection.dueAt, now);
  return (
    <List.Item data-testid="objection">
      <Space orientation="vertical" size={0}>
        <Space wrap>
          <Typography.Text type="secondary">{formatDateTime(objection.at)}</Typography.Text>
          <Tag>{s.objectionLevel(s.levels[objection.reviewLevel] ?? objection.reviewLevel)}</Tag>
          {objection.outcome ? (
            <Tag color="blue">{all.cases.outcome.forms.objectionOutcomes[objection.outcome]}</Tag>
          ) : (
            <Tag color={overdue ? 'red' : 'gold'}>{overdue ? s.objectionReviewOverdue : s.objectionPending}</Tag>
          )}
        </Space>
        <Typography.Text className="case-description">{objection.reason}</Typography.Text>
        {objection.decidedAt ? (
          <Typography.Text className="case-description">
            {formatDateTime(objection.decidedAt)}
            {sep}
            {objection.decisionReason}
          </Typography.Text>
        ) : (
          <Typography.Text type={overdue ? 'danger' : 'secondary'}>
            {s.objectionReviewDue}
            {sep}
            {formatDateTime(objection.dueAt)}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

export function OutcomeCard({ view, now = Date.now() }: { view: CaseView; now?: number }) {
  const all = useT();
  const { sections: s, sep } = all.cases.outcome;
  const { unitName, areaName } = useReferenceData();
  if (!hasOutcome(view)) return null;
  const c = view.conclusion;
  const letterOverdue = !!c && !c.letterSentAt && past(c.letterDueAt, now);
  const transfer = view.transferredTo;
  const investigation = view.deathCase?.investigation;
  return (
    <Card title={s.title} className="page-card" data-testid="outcome-card">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        {view.extensionRequest && (
          <Descriptions.Item label={s.extensionRequest} span={2}>
            <span data-testid="extension-request">
              {s.extensionRequested(view.extensionRequest.days, view.extensionRequest.reason)} ·{' '}
              {formatDateTime(view.extensionRequest.requestedAt)}
            </span>
          </Descriptions.Item>
        )}
        {view.referral && (
          <Descriptions.Item label={s.referral} span={2}>
            <span className="case-description">
              {formatDateTime(view.referral.at)}
              {sep}
              {view.referral.reason}
            </span>
          </Descriptions.Item>
        )}
        {view.referral?.decidedAt && (
          <Descriptions.Item label={s.referralDecided} span={2}>
            {all.cases.outcome.forms.referralOutcomes[view.referral.outcome ?? ''] ?? view.referral.outcome}
            {view.referral.decision ? `${sep}${view.referral.decision}` : ''}
          </Descriptions.Item>
        )}
        {c && (
          <Descriptions.Item label={s.conclusion}>
            {s.conclusionKinds[c.kind] ?? c.kind} · {s.levels[c.level] ?? c.level} · {formatDateTime(c.at)}
          </Descriptions.Item>
        )}
        {c && !c.letterSentAt && (
          <Descriptions.Item label={s.letterDue}>
            <Typography.Text type={letterOverdue ? 'danger' : undefined} data-testid="letter-due">
              {formatDateTime(c.letterDueAt)}
              {letterOverdue ? ` · ${s.letterOverdue}` : ''}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {c?.letterSentAt && (
          <Descriptions.Item label={s.letterSentAt}>{formatDateTime(c.letterSentAt)}</Descriptions.Item>
        )}
        {c?.objectionDueAt && (
          <Descriptions.Item label={s.objectionDueAt}>{formatDateTime(c.objectionDueAt)}</Descriptions.Item>
        )}
        {transfer && (
          <Descriptions.Item label={s.transferTo}>
            {[transfer.unitCode && unitName(transfer.unitCode), transfer.area && areaName(transfer.area)]
              .filter(Boolean)
              .join(' · ')}
            {transfer.at ? ` · ${formatDateTime(transfer.at)}` : ''}
          </Descriptions.Item>
        )}
        {transfer && (
          <Descriptions.Item label={s.transferResult}>
            {transfer.result ? (
              <span className="case-description" data-testid="transfer-result">
                {all.cases.outcome.forms.transferOutcomes[transfer.result.outcome] ?? transfer.result.outcome} ·{' '}
                {transfer.result.receivedOn}
                {sep}
                {transfer.result.summary}
              </span>
            ) : (
              <Typography.Text type="secondary">{s.transferAwaiting}</Typography.Text>
            )}
          </Descriptions.Item>
        )}
        {view.deathCase && (
          <Descriptions.Item label={s.deathCase}>
            <Tag color="red">{s.deathFlagged}</Tag>
            {formatDateTime(view.deathCase.flaggedAt)}
          </Descriptions.Item>
        )}
        {view.deathCase && (
          <Descriptions.Item label={s.investigation}>
            {investigation ? (
              s.investigationText(
                investigation.reportNo,
                investigation.issuedOn,
                all.cases.forms.accidentGrades[investigation.grade] ?? investigation.grade,
                investigation.deaths,
              )
            ) : (
              <Typography.Text type="warning">{s.investigationPending}</Typography.Text>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {view.resultLetters.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{s.letters}</Typography.Text>}
          dataSource={view.resultLetters}
          renderItem={(letter, i) => <LetterItem reference={view.reference} letter={letter} n={i + 1} />}
        />
      )}
      {view.objections.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{s.objections}</Typography.Text>}
          dataSource={view.objections}
          renderItem={(objection) => <ObjectionItem objection={objection} now={now} />}
        />
      )}
    </Card>
  );
}
