import { Alert, Card, Col, Row, Statistic, Tooltip } from 'antd';
import { useT } from '../../../i18n';
import { formatYuan } from './money';
import './finance.css';
import type { FundOverview } from './types';

/** The fund at a glance; a warning when the rewards on their way need more than is available. */
export function BalanceCards({ fund }: { fund: FundOverview }) {
  const t = useT().finance;
  const cards = [
    { key: 'appropriated', title: t.appropriated, fen: fund.appropriatedFen },
    { key: 'reserved', title: t.reserved, fen: fund.reservedFen },
    { key: 'paid', title: t.paid, fen: fund.paidFen },
    { key: 'available', title: t.available, fen: fund.availableFen },
    { key: 'pipeline', title: t.pipeline, fen: fund.pipelineFen, hint: t.pipelineHint },
    { key: 'liabilities', title: t.liabilities, fen: fund.liabilitiesFen, hint: t.liabilitiesHint },
  ];
  return (
    <>
      {fund.shortfall && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title={t.shortfall(formatYuan(fund.pipelineFen - fund.availableFen))}
          data-testid="fund-shortfall"
        />
      )}
      <Row gutter={[16, 16]} className="page-card" data-testid="fund-balances">
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card size="small">
              <Tooltip title={c.hint}>
                <div className="fund-figure" data-testid={`fund-${c.key}`}>
                  <Statistic title={c.title} value={formatYuan(c.fen)} suffix={t.yuan} />
                </div>
              </Tooltip>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
