// The report's matter at the top of the case: the earlier case it was linked to at
// intake (same credit code and scheme) or flagged beside (same place), the two side
// by side so the intake officer can confirm with mark-duplicate or unlink it.
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Row, Typography } from 'antd';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { useReferenceData } from '../../referenceData';
import { StatusTag } from './caseLabels';
import type { CaseView } from './caseTypes';

type MatterCase = NonNullable<NonNullable<CaseView['matter']>['earlier']>;

function CaseColumn({ title, c }: { title: string; c: MatterCase | CaseView }) {
  const t = useT().cases;
  const lang = useLang();
  const refData = useReferenceData();
  return (
    <Card size="small" title={title} className="matter-card__case">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t.reference}>
          <Link to={`/cases/${c.reference}`}>
            <Typography.Text code>{c.reference}</Typography.Text>
          </Link>{' '}
          <StatusTag status={c.status} lang={lang} />
        </Descriptions.Item>
        <Descriptions.Item label={t.channel}>{t.channels[c.channel] ?? c.channel}</Descriptions.Item>
        <Descriptions.Item label={t.submittedAt}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t.category}>{refData.categoryName(c.category)}</Descriptions.Item>
        <Descriptions.Item label={t.area}>{refData.areaName(c.area)}</Descriptions.Item>
        <Descriptions.Item label={t.subject}>{c.subjectName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.matter.creditCode}>{c.subjectCreditCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.case.address}>{c.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.case.description}>
          <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }} className="matter-card__text">
            {c.description}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function MatterCard({ view }: { view: CaseView }) {
  const m = useT().cases.matter;
  const matter = view.matter;
  if (!matter) return null;
  const title = { linked: m.linkedTitle, likely: m.likelyTitle, unlinked: m.unlinkedTitle }[matter.state];
  const hint =
    matter.state === 'linked'
      ? m.linkedHint
      : matter.state === 'likely'
        ? m.likelyHint
        : m.unlinkedHint(matter.reason ?? '');
  return (
    <Card className="page-card matter-card" data-testid="matter-card">
      <Alert type={matter.state === 'unlinked' ? 'info' : 'warning'} showIcon title={title} description={hint} />
      {matter.state !== 'unlinked' && (
        <Row gutter={[12, 12]} className="matter-card__cases">
          <Col xs={24} md={12}>
            <CaseColumn title={m.thisCase} c={view} />
          </Col>
          <Col xs={24} md={12}>
            {matter.earlier ? (
              <CaseColumn title={m.earlierCase} c={matter.earlier} />
            ) : (
              <Card size="small" title={m.earlierCase}>
                <Typography.Text code>{matter.of}</Typography.Text>
                <Typography.Paragraph type="secondary">{m.outsideAreas}</Typography.Paragraph>
              </Card>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
