// Welding-rule rewards go to real-name reporters only (shared/catalog.ts marks those
// categories with the 'welding' scheme). An anonymous reporter who picks one, or picks
// anonymous after one, is told at the choice and again on the review step.
import { useFormsT } from '../formsText';
import type { PublicCatalog } from '../useCatalog';

export function isWeldingCategory(catalog: PublicCatalog, code: string): boolean {
  return catalog.categories.find((c) => c.code === code)?.scheme === 'welding';
}

export function WeldingAnonymousWarning() {
  const t = useFormsT().report;
  return (
    <p className="callout callout--warn" data-testid="welding-anonymous-warning">
      {t.weldingAnonymousWarning}
    </p>
  );
}
