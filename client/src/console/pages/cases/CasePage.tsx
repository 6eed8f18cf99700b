import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { useReferenceData } from '../../referenceData';
import { ActionBar } from './ActionBar';
import { StatusTag } from './caseLabels';
import { CaseMessages } from './CaseMessages';
import { DuplicatesCard, EvidenceCard, FindingsCard, TimelineCard } from './CaseSections';
import { isOverdue, type CaseView } from './caseTypes';
import { OutcomeCard } from './OutcomeCard';
import { MatterCard } from './MatterCard';
import { ProtectionCard } from './ProtectionCard';
import { RectificationCard } from './RectificationCard';
import { RevealIdentityButton } from './RevealIdentityButton';
import { IdentityRevealsCard } from './IdentityRevealsCard';
import { ReporterPseudonym } from './ReporterPseudonym';
import { RewardCard } from './RewardCard';
import { CorrectionsCard } from './CorrectionsCard';
import { ProtectionBanner } from './ProtectionBanner';
import { PosterSource } from './PosterSource';
import './cases.css';

/** One report: what was reported, its files, the conversation, and the actions open to this person. */
export function CasePage() {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const { reference = '' } = useParams();
  const refData = useReferenceData();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: queryKeys.reports.detail(reference),
    queryFn: ({ signal }) => api.get<CaseView>(`/reports/${encodeURIComponent(reference)}`, { signal }),
  });
  const view = detail.data ?? null;
  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.reports.detail(reference) }),
    [queryClient, reference],
  );
  /** An action or message answered with the report as it now is: show it, and refetch what it may have moved. */
  const changed = useCallback(
    (updated: CaseView) => {
      queryClient.setQueryData(queryKeys.reports.detail(reference), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fund.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats.all });
    },
    [queryClient, reference],
  );

  const overdue = view ? isOverdue(view) : false;
  return (
    <div className="console-page console-page--wide">
      <div className="page-heading">
        <Space wrap>
          <Link to="/cases">
            <ArrowLeftOutlined /> {t.case.back}
          </Link>
          <Typography.Title level={1} className="page-title" data-testid="case-reference">
            {reference}
          </Typography.Title>
          {view && (
            <span data-testid="case-status">
              <StatusTag status={view.status} lang={lang} />
            </span>
          )}
        </Space>
        <Space wrap>
          {view && <RevealIdentityButton view={view} onRevealed={reload} />}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void detail.refetch()}
            loading={detail.isFetching}
            aria-label={all.common.retry}
          />
        </Space>
      </div>
      <QueryError queries={[detail]} />
      {view && (
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <ProtectionBanner view={view} />
            <MatterCard view={view} />
            <Card className="page-card">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t.category}>{refData.categoryName(view.category)}</Descriptions.Item>
                <Descriptions.Item label={t.area}>{refData.areaName(view.area)}</Descriptions.Item>
                <Descriptions.Item label={t.channel}>{t.channels[view.channel] ?? view.channel}</Descriptions.Item>
                {view.exchange && (
                  <Descriptions.Item label={t.partnerCase}>
                    {[view.exchange.partnerCode, view.exchange.externalId, view.exchange.externalChannel]
                      .filter(Boolean)
                      .join(' · ')}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t.submittedAt}>{formatDateTime(view.submittedAt)}</Descriptions.Item>
                {view.subjectName && <Descriptions.Item label={t.subject}>{view.subjectName}</Descriptions.Item>}
                {view.subjectCreditCode && (
                  <Descriptions.Item label={t.matter.creditCode}>
                    <Typography.Text code>{view.subjectCreditCode}</Typography.Text>
                  </Descriptions.Item>
                )}
                {view.duplicateOf && (
                  <Descriptions.Item label={t.matter.duplicateOf}>
                    <Typography.Text code>{view.duplicateOf}</Typography.Text>
                  </Descriptions.Item>
                )}
                {view.address && <Descriptions.Item label={t.case.address}>{view.address}</Descriptions.Item>}
                {view.occurredAt && (
                  <Descriptions.Item label={t.case.occurredAt}>{formatDateTime(view.occurredAt)}</Descriptions.Item>
                )}
                <Descriptions.Item label={t.case.identity}>
                  {view.anonymous ? t.case.anonymous : t.case.realName} · <ReporterPseudonym view={view} />
                </Descriptions.Item>
                {view.posterCode && (
                  <Descriptions.Item label={t.case.poster}>
                    <PosterSource report={view} goneText={t.case.posterGone} />
                  </Descriptions.Item>
                )}
                {view.receivedAt && (
                  <Descriptions.Item label={t.case.receivedAt}>{formatDateTime(view.receivedAt)}</Descriptions.Item>
                )}
                <Descriptions.Item label={t.case.employment}>
                  <span data-testid="case-employment">
                    {t.case.employmentSays(view.employment.reporterSays)}
                    {view.employment.verified !== undefined &&
                      ` · ${t.case.employmentVerified(view.employment.verified, view.employment.proof)}`}
                  </span>
                </Descriptions.Item>
                {view.outsideScheme && (
                  <Descriptions.Item label={t.case.outsideScheme}>
                    <span data-testid="case-outside-scheme">
                      {lang === 'en' ? view.outsideScheme.reason.en : view.outsideScheme.reason.zh}
                    </span>
                  </Descriptions.Item>
                )}
                {view.assignment && (
                  <Descriptions.Item label={t.case.assignment}>
                    {refData.unitName(view.assignment.unitCode)}
                    {view.assignment.extendedDays ? ` · ${t.case.extended(view.assignment.extendedDays)}` : ''}
                  </Descriptions.Item>
                )}
                {view.dueAt && (
                  <Descriptions.Item label={t.dueAt}>
                    <Typography.Text type={overdue ? 'danger' : undefined} data-testid="case-due">
                      {formatDateTime(view.dueAt)}
                      {overdue ? ` · ${t.overdueHint}` : ''}
                    </Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Typography.Title level={2} className="case-section-title">
                {t.case.description}
              </Typography.Title>
              <Typography.Paragraph className="case-description" data-testid="case-description">
                {view.description}
              </Typography.Paragraph>
            </Card>
            <ActionBar view={view} onChanged={changed} onStale={reload} />
            <ProtectionCard view={view} />
            <IdentityRevealsCard view={view} />
            <OutcomeCard view={view} />
            <RectificationCard view={view} onChanged={changed} onStale={reload} />
            <RewardCard view={view} />
            <CorrectionsCard view={view} />
            {view.findings && <FindingsCard findings={view.findings} />}
            <CaseMessages view={view} onChanged={changed} onStale={reload} />
            <EvidenceCard view={view} />
          </Col>
          <Col xs={24} xl={9}>
            <TimelineCard view={view} />
            <DuplicatesCard reference={view.reference} />
          </Col>
        </Row>
      )}
    </div>
  );
}
