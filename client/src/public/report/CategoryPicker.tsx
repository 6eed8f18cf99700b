import { lazy, Suspense } from 'react';
import { useLang } from '../../i18n';
import { labelIn, useFormsT } from '../formsText';
import type { PublicCatalog } from '../useCatalog';
import { ChunkErrorBoundary } from '../ChunkErrorBoundary';
import { WeldingAnonymousWarning } from './WeldingWarning';

// The reward range needs the published policies and the calculator: not part of the first screen.
const RewardRange = lazy(() => import('./RewardRange'));

type Category = PublicCatalog['categories'][number];

interface Props {
  catalog: PublicCatalog;
  value: string;
  onChange(code: string): void;
  error?: string;
  /** The sector of the poster the reporter came from: its categories come first. */
  leadSector?: string;
  /** The reporter already chose to stay anonymous (they came back to this step). */
  anonymous?: boolean;
}

/** The general categories and welding first, always visible; the other sectors behind one tap. */
const UPFRONT_SECTORS = ['other', 'welding'];

export function CategoryPicker({ catalog, value, onChange, error, leadSector = '', anonymous = false }: Props) {
  const t = useFormsT().report;
  const lang = useLang();
  const bySector = (sector: string) => catalog.categories.filter((c) => c.sector === sector);
  const sectorName = (code: string) => labelIn(catalog.sectors.find((s) => s.code === code)?.name, lang, code);
  // A poster's site sector (a construction site's, say) leads, ahead of the general ones.
  const lead = leadSector !== 'other' && bySector(leadSector).length > 0 ? leadSector : '';
  const upfront = lead ? [lead, ...UPFRONT_SECTORS] : UPFRONT_SECTORS;
  const laterSectors = [
    ...catalog.sectors.map((s) => s.code),
    ...catalog.categories.map((c) => c.sector), // a category whose sector the list lacks
  ].filter((code, i, all) => !upfront.includes(code) && all.indexOf(code) === i && bySector(code).length > 0);
  const selected = catalog.categories.find((c) => c.code === value);
  const selectedLater = selected ? !upfront.includes(selected.sector) : false;
  let firstRadio = true;

  const group = (legend: string, items: Category[]) => (
    <fieldset className="choice-group" key={legend}>
      <legend className="choice-group__legend">{legend}</legend>
      {items.map((c) => {
        const id = firstRadio ? 'report-category' : `report-category-${c.code}`;
        firstRadio = false;
        return (
          <label key={c.code} className="choice" htmlFor={id}>
            <input
              type="radio"
              id={id}
              name="category"
              value={c.code}
              checked={value === c.code}
              onChange={() => onChange(c.code)}
            />
            <span>{labelIn(c.name, lang, c.code)}</span>
          </label>
        );
      })}
    </fieldset>
  );

  return (
    <fieldset
      className={`field field--group${error ? ' field--invalid' : ''}`}
      aria-describedby={`report-category-hint${error ? ' report-category-error' : ''}`}
    >
      <legend className="field__label">{t.category}</legend>
      <p className="field__hint" id="report-category-hint">
        {t.categoryHint}
      </p>
      {error && (
        <p className="field__error" id="report-category-error">
          {error}
        </p>
      )}
      {lead && group(t.posterSectorGroup(sectorName(lead)), bySector(lead))}
      {group(t.commonGroup, bySector('other'))}
      {lead !== 'welding' && group(sectorName('welding'), bySector('welding'))}
      <details className="more-categories" open={selectedLater || undefined}>
        <summary>{t.moreCategories}</summary>
        {laterSectors.map((sector) => group(sectorName(sector), bySector(sector)))}
      </details>
      <div aria-live="polite">
        {selected && (
          <ChunkErrorBoundary fallback={null}>
            <Suspense fallback={null}>
              <RewardRange scheme={selected.scheme} category={selected.code} />
            </Suspense>
          </ChunkErrorBoundary>
        )}
        {selected?.scheme === 'welding' && <p className="callout">{t.weldingNote}</p>}
        {selected?.scheme === 'welding' && anonymous && <WeldingAnonymousWarning />}
        {selected?.scheme === 'concealed-accident' && <p className="callout">{t.concealedNote}</p>}
      </div>
    </fieldset>
  );
}
