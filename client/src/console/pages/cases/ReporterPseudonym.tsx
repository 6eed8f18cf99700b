// The reporter as staff know them: a pseudonym. A real-name reporter's keyed one is the
// same on every report, so protection, discipline, leaders and reviewers can open the
// person's other reports in their areas — what and where, never who.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Drawer, Table, Typography } from 'antd';
import type { z } from 'zod';
import { formatYuan } from '../../../../../shared/money';
import type { reporterHistoryResponse } from '../../../../../shared/schemas/reporterHistory';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { useReferenceData } from '../../referenceData';
import { useCurrentUser } from '../../session';
import { StatusTag } from './caseLabels';
import type { CaseView } from './caseTypes';
import { revealTexts } from './revealTexts';

type History = z.infer<typeof reporterHistoryResponse>;

/** Mirrors the server's policy for the history (reports.reporterHistory). */
const HISTORY_ROLES = new Set(['protection', 'discipline', 'leader', 'reviewer']);

function HistoryTable({ pseudonym }: { pseudonym: string }) {
  const lang = useLang();
  const all = useT();
  const t = revealTexts(lang);
  const refData = useReferenceData();
  const history = useQuery({
    queryKey: queryKeys.reports.reporter(pseudonym),
    queryFn: ({ signal }) => api.get<History>(`/reporters/${encodeURIComponent(pseudonym)}/reports`, { signal }),
  });
  const showCases = history.data?.items.some((i) => i.protectionCases !== undefined);
  return (
    <>
      <QueryError queries={[history]} />
      <Typography.Paragraph type="secondary">{t.historyHint}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="reference"
        loading={history.isLoading}
        pagination={false}
        dataSource={history.data?.items ?? []}
        data-testid="reporter-history"
        columns={[
          {
            title: all.cases.reference,
            dataIndex: 'reference',
            render: (ref: string) => (
              <Link to={`/cases/${ref}`} style={{ whiteSpace: 'nowrap' }}>
                {ref}
              </Link>
            ),
          },
          { title: all.cases.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} lang={lang} /> },
          { title: all.cases.category, dataIndex: 'category', render: (c: string) => refData.categoryName(c) },
          { title: all.cases.area, dataIndex: 'area', render: (a: string) => refData.areaName(a) },
          { title: all.cases.submittedAt, dataIndex: 'submittedAt', render: (d: string) => formatDateTime(d) },
          {
            title: t.rewardPaid,
            dataIndex: 'rewardPaidFen',
            render: (fen?: number) => (fen === undefined ? '' : formatYuan(fen)),
          },
          ...(showCases ? [{ title: t.protectionCases, dataIndex: 'protectionCases' }] : []),
        ]}
      />
    </>
  );
}

export function ReporterPseudonym({ view }: { view: CaseView }) {
  const me = useCurrentUser();
  const t = revealTexts(useLang());
  const [open, setOpen] = useState(false);
  // Keyed pseudonyms (real-name reporters) start "R-"; the count comes with the opened case, not an action's answer.
  const keyed = view.reporterPseudonym.startsWith('R-');
  const count = view.sameReporterReports === undefined ? '' : ` · ${t.sameReporter(view.sameReporterReports)}`;
  if (!keyed || !HISTORY_ROLES.has(me.role))
    return (
      <span data-testid="reporter-pseudonym">
        {view.reporterPseudonym}
        {count}
      </span>
    );
  return (
    <>
      <Typography.Link onClick={() => setOpen(true)} data-testid="reporter-pseudonym">
        {view.reporterPseudonym}
        {count}
      </Typography.Link>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={`${t.history} · ${view.reporterPseudonym}`}
        size="large"
      >
        {open && <HistoryTable pseudonym={view.reporterPseudonym} />}
      </Drawer>
    </>
  );
}
