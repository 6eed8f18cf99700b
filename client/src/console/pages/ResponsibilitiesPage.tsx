import { useCallback, useEffect, useState } from 'react';
import { App, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ResponsibilityView } from '../../../../shared/schemas/responsibility';
import { api, describeError } from '../../api';
import { useLang, useT } from '../../i18n';
import { localName, useReferenceData } from '../referenceData';
import { SingleSelect } from '../SingleSelect';
import type { Sector, Unit } from '../types';
import { LoadError, useLoad } from '../useLoad';

const cellKey = (sector: string, area: string) => `${sector}/${area}`;

/** Departments that can take an area's reports: city-wide ones and that county's own. */
const unitsFor = (units: Unit[], area: string) => units.filter((u) => !u.areaCode || u.areaCode === area);

/** Sector × area → responsible department. Each change is saved (and audited) on its own. */
export function ResponsibilitiesPage() {
  const t = useT().console.responsibilities;
  const lang = useLang();
  const { message } = App.useApp();
  const reference = useReferenceData();
  const [cells, setCells] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState<string | null>(null);

  const { loading, error, run: load } = useLoad(
    useCallback(async () => {
      const { items } = await api.get<{ items: ResponsibilityView[] }>('/responsibilities');
      setCells(new Map(items.map((c) => [cellKey(c.sector, c.area), c.unitCode])));
    }, []),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const change = async (sector: string, area: string, unitCode: string) => {
    const key = cellKey(sector, area);
    const before = cells.get(key);
    setCells((current) => new Map(current).set(key, unitCode));
    setSaving(key);
    try {
      await api.put(`/responsibilities/${encodeURIComponent(sector)}/${encodeURIComponent(area)}`, { unitCode });
      message.success(t.saved(reference.sectorName(sector), reference.areaName(area), reference.unitName(unitCode)));
    } catch (caught) {
      setCells((current) => {
        const next = new Map(current);
        if (before) next.set(key, before);
        else next.delete(key);
        return next;
      });
      message.error(describeError(caught));
    } finally {
      setSaving(null);
    }
  };

  const columns: ColumnsType<Sector> = [
    { title: t.sector, key: 'sector', fixed: 'left', width: 160, render: (_, s) => localName(s.name, lang) },
    ...reference.areas.map((area) => ({
      title: localName(area.name, lang),
      key: area.code,
      width: 190,
      render: (_: unknown, s: Sector) => {
        const key = cellKey(s.code, area.code);
        return (
          <SingleSelect<string>
            aria-label={`${localName(s.name, lang)} · ${localName(area.name, lang)}`}
            data-testid={`cell-${key}`}
            value={cells.get(key)}
            placeholder={t.unset}
            loading={saving === key}
            disabled={saving === key}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            style={{ width: 176 }}
            options={unitsFor(reference.units, area.code).map((u) => ({ value: u.code, label: localName(u.name, lang) }))}
            onChange={(unitCode) => void change(s.code, area.code, unitCode)}
          />
        );
      },
    })),
  ];

  return (
    <Card title={<Typography.Title level={1} className="page-title">{t.title}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<Sector> data-testid="responsibilities-table" rowKey="code" columns={columns} dataSource={reference.sectors} loading={loading} pagination={false} size="small" scroll={{ x: 'max-content' }} bordered />
    </Card>
  );
}
