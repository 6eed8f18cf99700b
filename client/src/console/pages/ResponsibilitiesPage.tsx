import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { z } from 'zod';
import type { responsibilityListResponse } from '../../../../shared/schemas/responsibility';
import { api, describeError } from '../../api';
import { useLang, useT } from '../../i18n';
import { queryKeys } from '../queryKeys';
import { QueryError } from '../QueryState';
import { localName, useReferenceData } from '../referenceData';
import { SingleSelect } from '../Selects';
import type { Sector, Unit } from '../types';
import { PageCard } from '../PageCard';

type Responsibilities = z.infer<typeof responsibilityListResponse>;
const cellKey = (sector: string, area: string) => `${sector}/${area}`;

/** Departments that can take an area's reports: city-wide ones and that county's own. */
const unitsFor = (units: Unit[], area: string) => units.filter((u) => !u.areaCode || u.areaCode === area);

/** Sector × area → responsible department. Each change is saved (and audited) on its own. */
export function ResponsibilitiesPage() {
  const t = useT().console.responsibilities;
  const lang = useLang();
  const { message } = App.useApp();
  const reference = useReferenceData();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState<string | null>(null);

  const list = useQuery({
    queryKey: queryKeys.responsibilities,
    queryFn: ({ signal }) => api.get<Responsibilities>('/responsibilities', { signal }),
  });
  const cells = useMemo(
    () => new Map((list.data?.items ?? []).map((c) => [cellKey(c.sector, c.area), c.unitCode])),
    [list.data],
  );

  /** Puts one cell's department into the cached table (none: the cell is emptied). */
  const setCell = (sector: string, area: string, unitCode: string | undefined) =>
    queryClient.setQueryData<Responsibilities>(queryKeys.responsibilities, (data) => {
      const others = (data?.items ?? []).filter((c) => c.sector !== sector || c.area !== area);
      return { items: unitCode ? [...others, { sector, area, unitCode }] : others };
    });

  // The select shows the new department at once; a refusal puts the old one back.
  const saveCell = useMutation({
    mutationFn: ({ sector, area, unitCode }: { sector: string; area: string; unitCode: string }) =>
      api.put(`/responsibilities/${encodeURIComponent(sector)}/${encodeURIComponent(area)}`, { unitCode }),
    onMutate: async ({ sector, area, unitCode }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.responsibilities });
      const before = cells.get(cellKey(sector, area));
      setCell(sector, area, unitCode);
      setSaving(cellKey(sector, area));
      return { before };
    },
    onSuccess: (_, { sector, area, unitCode }) =>
      message.success(t.saved(reference.sectorName(sector), reference.areaName(area), reference.unitName(unitCode))),
    onError: (caught, { sector, area }, context) => {
      setCell(sector, area, context?.before);
      message.error(describeError(caught));
    },
    onSettled: () => setSaving(null),
  });
  const change = (sector: string, area: string, unitCode: string) => saveCell.mutate({ sector, area, unitCode });

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
            options={unitsFor(reference.units, area.code).map((u) => ({
              value: u.code,
              label: localName(u.name, lang),
            }))}
            onChange={(unitCode) => change(s.code, area.code, unitCode)}
          />
        );
      },
    })),
  ];

  return (
    <PageCard title={t.title} intro={t.intro}>
      <QueryError queries={[list]} />
      <Table<Sector>
        data-testid="responsibilities-table"
        rowKey="code"
        columns={columns}
        dataSource={reference.sectors}
        loading={list.isFetching}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        bordered
      />
    </PageCard>
  );
}
