// Every funding source side by side: the city fund, the provincial pre-allocation
// and the county budgets, each with what was appropriated, reserved, paid,
// recovered and what is left (appropriated + recovered − reserved − paid).
import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLang, useT } from '../../../i18n';
import { formatYuan } from './money';
import type { FundOverview } from './types';

type Source = FundOverview['sources'][number];

export function FundSources({ sources }: { sources: Source[] }) {
  const t = useT().finance;
  const lang = useLang();
  const yuan = (fen: number) => formatYuan(fen);
  const columns: ColumnsType<Source> = [
    { title: t.source, key: 'source', render: (_, s) => (lang === 'en' ? s.name.en : s.name.zh) },
    { title: t.appropriated, dataIndex: 'appropriatedFen', align: 'right', render: yuan },
    { title: t.reserved, dataIndex: 'reservedFen', align: 'right', render: yuan },
    { title: t.paid, dataIndex: 'paidFen', align: 'right', render: yuan },
    { title: t.recovered, dataIndex: 'recoveredFen', align: 'right', render: yuan },
    { title: t.available, dataIndex: 'availableFen', align: 'right', render: yuan },
  ];
  return (
    <Card className="page-card" title={<h2 className="card-title">{t.sourcesTitle}</h2>}>
      <Table<Source>
        rowKey="source"
        size="small"
        columns={columns}
        dataSource={sources}
        pagination={false}
        scroll={{ x: true }}
        data-testid="fund-sources"
      />
    </Card>
  );
}
