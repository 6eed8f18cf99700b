// The reward proposal as the verifier types it: the server computes what proposing now
// would record (GET /reports/:reference/reward-quote, the calculator the step itself
// runs), and this shows the amount, how it was reached, the range, the adjustment band
// and what the typed amount would need. Nothing is computed here.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, List, Typography } from 'antd';
import type { rewards } from '../../../../../shared/contract/rewards';
import { formatYuan, parseYuan } from '../../../../../shared/money';
import { leadershipReasonText } from '../../../../../shared/schemas/rewardControls';
import { call, route } from '../../../apiClient';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';

const quoteRoute = route<typeof rewards.proposalQuote>({
  kind: 'json',
  method: 'get',
  path: '/api/v1/reports/:reference/reward-quote',
});

/** Typing pauses this long before the preview asks the server again. */
const DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The amount typed, in fen: undefined when empty or not an amount (the field's own rule says so). */
const typedFen = (typed: unknown) =>
  typeof typed === 'string' && typed.trim() ? (parseYuan(typed) ?? undefined) : undefined;

export function ProposalPreview({ reference, typed }: { reference: string; typed: unknown }) {
  const t = useT().cases.reward.preview;
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const amountFen = useDebounced(typedFen(typed), DEBOUNCE_MS);
  const quote = useQuery({
    queryKey: queryKeys.reports.rewardQuote(reference, amountFen),
    queryFn: ({ signal }) => call(quoteRoute, { params: { reference }, query: { amountFen } }, { signal }),
    placeholderData: keepPreviousData,
  });
  const q = quote.data;
  if (!q) return <QueryError queries={[quote]} />;
  if (!q.eligible)
    return (
      <Alert
        type="warning"
        showIcon
        className="page-alert"
        data-testid="proposal-preview"
        title={t.ineligible}
        description={q.reasons.join(lang === 'en' ? '; ' : '；')}
      />
    );
  const amount = q.amount;
  const verdict = !amount
    ? null
    : !amount.withinRange
      ? { type: 'error' as const, text: t.outOfRange }
      : amount.leadershipReasons.length
        ? {
            type: 'warning' as const,
            text: t.needsLeader(
              amount.leadershipReasons.map((r) => leadershipReasonText[r][lang]).join(lang === 'en' ? '; ' : '；'),
            ),
          }
        : { type: 'success' as const, text: amount.adjusted ? t.adjustedWithinBand : t.asComputed };
  return (
    <section className="proposal-preview" data-testid="proposal-preview" aria-live="polite">
      <QueryError queries={[quote]} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.computed}>
          <Typography.Text strong data-testid="proposal-computed">
            {formatYuan(q.computedFen!)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t.range}>
          <span data-testid="proposal-range">{`${formatYuan(q.minFen!)} – ${formatYuan(q.maxFen!)}`}</span>
        </Descriptions.Item>
        {q.band && (
          <Descriptions.Item label={t.band(q.band.percent)}>
            <span data-testid="proposal-band">{`${formatYuan(q.band.fromFen)} – ${formatYuan(q.band.toFen)}`}</span>
          </Descriptions.Item>
        )}
        {q.tiers && (
          <Descriptions.Item label={t.tiers}>
            {t.tierText(formatYuan(q.tiers.deputyDirectorAboveFen), formatYuan(q.tiers.bureauMeetingAboveFen))}
          </Descriptions.Item>
        )}
        {q.policyTitle && <Descriptions.Item label={t.policy}>{q.policyTitle[lang]}</Descriptions.Item>}
      </Descriptions>
      <List
        size="small"
        header={t.explanation}
        dataSource={q.explanation}
        renderItem={(line) => <List.Item>{line}</List.Item>}
      />
      {verdict && amount && (
        <Alert
          type={verdict.type}
          showIcon
          data-testid="proposal-verdict"
          title={t.verdict(formatYuan(amount.amountFen), verdict.text)}
        />
      )}
    </section>
  );
}
