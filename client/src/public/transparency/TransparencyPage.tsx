// Public figures by month and by area: plain tables with simple bars, no chart
// library. Small counts arrive from the server already shown as "<5", and
// figures withheld only to protect them as "—".
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { stats } from '../../../../shared/contract/stats';
import { call, route } from '../../apiClient';
import { useLang } from '../../i18n';
import { labelIn } from '../formsText';
import { useCatalog } from '../useCatalog';
import type { PublicCount, PublicFigures, Transparency } from '../../../../shared/statsViews';
import { transparencyText } from './text';
import './transparency.css';

type Count = PublicCount;
type Figures = PublicFigures;

// Named by route(): the page loads no zod.
const transparencyRoute = route<typeof stats.transparency>({
  kind: 'json',
  method: 'get',
  path: '/api/v1/public/transparency',
});

const COLUMNS = ['received', 'substantiated', 'rectifiedVerified', 'rectificationOverdue', 'rewardsPaid'] as const;

function Bar({ value, max }: { value: Count; max: number }) {
  // No bar for '<5' or '—': any length would suggest a value.
  const width = typeof value === 'number' && max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <span className="tp-cell">
      <span className="tp-bar" style={{ width: `${width}%` }} aria-hidden="true" />
      <span className="tp-num">{value}</span>
    </span>
  );
}

export default function TransparencyPage() {
  const lang = useLang();
  const t = transparencyText[lang];
  const catalog = useCatalog();
  const [data, setData] = useState<Transparency | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    call(transparencyRoute).then(
      (d) => live && setData(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  if (failed) return <p className="notice">{t.failed}</p>;
  if (!data) return <p className="muted">{t.loading}</p>;

  const text = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);
  const areaName = (code: string) => labelIn(catalog.areas.find((a) => a.code === code)?.name, lang, code);
  const maxOf = (rows: Figures[], key: (typeof COLUMNS)[number]) =>
    Math.max(0, ...rows.map((r) => (typeof r[key] === 'number' ? (r[key] as number) : 0)));

  const table = (id: string, caption: string, first: string, rows: (Figures & { key: string; label: string })[]) => (
    <section className="card">
      <h2 id={id}>{caption}</h2>
      {/* Scrolls sideways on a phone: focusable and named by its heading, so a keyboard can scroll it too. */}
      <div className="tp-scroll" tabIndex={0} role="region" aria-labelledby={id} data-testid={`${id}-scroll`}>
        <table className="tp-table" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {t[c]}
                </th>
              ))}
              <th scope="col">{t.rewardsPaidYuan}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-row={r.key}>
                <th scope="row">{r.label}</th>
                {COLUMNS.map((c) => (
                  <td key={c} data-col={c}>
                    <Bar value={r[c]} max={maxOf(rows, c)} />
                  </td>
                ))}
                <td data-col="rewardsPaidYuan">{r.rewardsPaidYuan ?? t.withheld}</td>
              </tr>
            ))}
            <tr className="tp-total" data-row="total">
              <th scope="row">{t.total}</th>
              {COLUMNS.map((c) => (
                <td key={c} data-col={c}>
                  {data.total[c]}
                </td>
              ))}
              <td data-col="rewardsPaidYuan">{data.total.rewardsPaidYuan ?? t.withheld}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );

  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p className="muted">{t.period(data.months[0]?.month ?? '', data.publishedThrough)}</p>
      <p className="notice" data-testid="held-back">
        {text(data.heldBack.reason)}
      </p>
      {table(
        'tp-months',
        t.byMonth,
        t.month,
        data.months.map((m) => ({ ...m, key: m.month, label: m.month })),
      )}
      {table(
        'tp-areas',
        t.byArea,
        t.area,
        data.areas.map((a) => ({ ...a, key: a.area, label: areaName(a.area) })),
      )}
      <p className="muted">{text(data.suppression)}</p>
      <p className="muted" data-testid="withheld-legend">
        {t.withheldLegend}
      </p>
      <p>
        <Link to="/" className="back-link">
          {t.back}
        </Link>
      </p>
    </>
  );
}
