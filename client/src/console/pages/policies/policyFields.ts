// The values of a policy version an administrator sees and changes, by section.
// Money is fen in the policy and yuan on screen; each value's dotted path is also
// the key of its "assumed" mark (RewardPolicy.assumed).
import type { RewardPolicy } from '../../../../../shared/rewards/policySchema';
import type { PoliciesMessages } from './messages.zh';

export type FieldKind = 'yuan' | 'percent' | 'switch' | 'text' | 'day' | 'policyDay' | 'rounding';
export type Path = (string | number)[];

export interface PolicyField {
  path: Path;
  kind: FieldKind;
  label: (t: PoliciesMessages) => string;
}

export interface PolicySection {
  key: keyof PoliciesMessages['sections'];
  /** Optional parts of a version (listed situations, welding, uplift) show only when it has them. */
  present?: (p: RewardPolicy) => boolean;
  fields: PolicyField[];
}

const f = (path: Path, kind: FieldKind, label: PolicyField['label']): PolicyField => ({ path, kind, label });
const shareRule = (part: string): PolicyField[] => [
  f([part, 'finePercent'], 'percent', (t) => t.fields.finePercent),
  f([part, 'minFen'], 'yuan', (t) => t.fields.minFen),
  f([part, 'maxFen'], 'yuan', (t) => t.fields.maxFen),
];
const grades = ['general', 'larger', 'major', 'especially-major'] as const;

export const policySections: PolicySection[] = [
  {
    key: 'basics',
    fields: [
      f(['id'], 'text', (t) => t.id),
      f(['effectiveFrom'], 'day', (t) => t.effectiveFrom),
      f(['title', 'zh'], 'text', (t) => t.fields.titleZh),
      f(['title', 'en'], 'text', (t) => t.fields.titleEn),
    ],
  },
  { key: 'violation', fields: shareRule('violation') },
  { key: 'listedSituation', present: (p) => !!p.listedSituation, fields: shareRule('listedSituation') },
  {
    key: 'concealedAccident',
    fields: [
      ...grades.map((g) => f(['concealedAccident', 'perDeathFen', g], 'yuan', (t) => t.fields.perDeath[g])),
      f(['concealedAccident', 'maxFen'], 'yuan', (t) => t.fields.maxFen),
    ],
  },
  {
    key: 'welding',
    present: (p) => !!p.welding,
    fields: [f(['welding', 'noFineFen'], 'yuan', (t) => t.fields.noFineFen), ...shareRule('welding')],
  },
  {
    key: 'employeeUplift',
    present: (p) => !!p.employeeUplift,
    fields: [
      f(['employeeUplift', 'percent'], 'percent', (t) => t.fields.percent),
      f(['employeeUplift', 'minFen'], 'yuan', (t) => t.fields.minFen),
      f(['employeeUplift', 'maxTotalFen'], 'yuan', (t) => t.fields.maxTotalFen),
      f(['employeeUplift', 'appliesToWelding'], 'switch', (t) => t.fields.appliesToWelding),
      f(['employeeUplift', 'appliesToConcealedAccident'], 'switch', (t) => t.fields.appliesToConcealedAccident),
    ],
  },
  {
    key: 'decisions',
    fields: [
      f(['decisions', 'anonymousRewarded'], 'switch', (t) => t.fields.anonymousRewarded),
      f(['decisions', 'weldingExclusive'], 'switch', (t) => t.fields.weldingExclusive),
      f(['decisions', 'majorHazardNoFineMinimum'], 'switch', (t) => t.fields.majorHazardNoFineMinimum),
      f(['decisions', 'policyDay'], 'policyDay', (t) => t.fields.policyDay),
      f(['decisions', 'rounding'], 'rounding', (t) => t.fields.rounding),
    ],
  },
  {
    key: 'controls',
    fields: [
      f(['controls', 'adjustmentBandPercent'], 'percent', (t) => t.fields.adjustmentBandPercent),
      f(['controls', 'deputyDirectorAboveFen'], 'yuan', (t) => t.fields.deputyDirectorAboveFen),
      f(['controls', 'bureauMeetingAboveFen'], 'yuan', (t) => t.fields.bureauMeetingAboveFen),
      f(['controls', 'payeeYearlyCapFen'], 'yuan', (t) => t.fields.payeeYearlyCapFen),
      f(['controls', 'sampleRatePercent'], 'percent', (t) => t.fields.sampleRatePercent),
    ],
  },
];

export const pathKey = (path: Path) => path.join('.');

export function valueAt(source: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    source,
  );
}

/** Sets a value at `path` in a plain object, creating nothing that is missing (optional parts stay absent). */
export function setAt(target: Record<string, unknown>, path: Path, value: unknown): void {
  const parent = valueAt(target, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[path[path.length - 1]] = value;
}

export const fenToYuan = (fen: number) => fen / 100;
export const yuanToFen = (yuan: number) => Math.round(yuan * 100);

/** The editable fields of a version, the optional parts it lacks left out. */
export const fieldsOf = (p: RewardPolicy): PolicyField[] =>
  policySections.filter((s) => !s.present || s.present(p)).flatMap((s) => s.fields);
