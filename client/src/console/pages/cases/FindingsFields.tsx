// The verifier's findings: every field of findingsSchema, the fine typed in yuan and sent in fen.
import { Checkbox, Form, Input, InputNumber, Radio, Switch } from 'antd';
import { parseYuan } from '../../../../../shared/money';
import { useT } from '../../../i18n';
import { SingleSelect } from '../../Selects';
import type { FormValues } from './actionForms';
import type { Findings } from './caseTypes';
import { exclusions } from '../../../../../shared/rewards/texts';

const VIOLATION_KINDS = [
  'major-hazard',
  'illegal-operation',
  'listed-situation',
  'welding',
  'concealed-accident',
] as const;
const HAZARD_LEVELS = ['general', 'major'] as const;
const ACCIDENT_GRADES = ['general', 'larger', 'major', 'especially-major'] as const;

/** The largest fine findingsSchema accepts: 1,000,000,000 yuan. */
const MAX_FINE_FEN = 100_000_000_000;

/** The fine as typed, in fen: undefined when empty, null when it is not an amount. */
function fineFenOf(typed: unknown): number | undefined | null {
  if (typeof typed !== 'string') return undefined;
  const fen = parseYuan(typed);
  return fen !== null && fen !== undefined && fen > MAX_FINE_FEN ? null : fen;
}

export function FindingsFields() {
  const all = useT();
  const t = all.cases.forms;
  const o = all.cases.outcome.forms;
  const required = [{ required: true, message: t.required }];
  const yesNo = [
    { value: true, label: t.yes },
    { value: false, label: t.no },
  ];
  const substantiated = Form.useWatch<boolean | undefined>('substantiated');
  const violationKind = Form.useWatch<string | undefined>('violationKind');
  // With deaths the grade is the investigation report's to set (recorded later by record-investigation).
  const gradePending = Form.useWatch<boolean | undefined>('gradePending');
  const fineFen = fineFenOf(Form.useWatch<string | undefined>('fineYuan'));
  const employeeOfSubject = Form.useWatch<boolean | undefined>('employeeOfSubject');
  const checkFine = (_: unknown, typed: string | undefined) =>
    fineFenOf(typed) === null ? Promise.reject(new Error(t.fineInvalid)) : Promise.resolve();
  return (
    <>
      <Form.Item label={t.inspectedOn} name="inspectedOn" rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        label={t.summary}
        name="summary"
        rules={[{ required: true, whitespace: true, message: t.required }, { max: 5000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
      {/* No default: a verifier who forgot to choose would otherwise cost the reporter the reward. */}
      <Form.Item
        label={t.substantiated}
        name="substantiated"
        rules={[{ required: true, message: t.substantiatedRequired }]}
      >
        <Radio.Group options={yesNo} optionType="button" />
      </Form.Item>
      <Form.Item label={t.violationKind} name="violationKind" rules={substantiated ? required : []}>
        <SingleSelect<string>
          allowClear
          options={VIOLATION_KINDS.map((k) => ({ value: k, label: t.violationKinds[k] }))}
        />
      </Form.Item>
      <Form.Item label={t.hazardLevel} name="hazardLevel">
        <SingleSelect<string> allowClear options={HAZARD_LEVELS.map((k) => ({ value: k, label: t.hazardLevels[k] }))} />
      </Form.Item>
      {violationKind === 'concealed-accident' && (
        <>
          <Form.Item label={o.gradePending} name="gradePending" valuePropName="checked" extra={o.gradePendingHint}>
            <Switch />
          </Form.Item>
          {!gradePending && (
            <Form.Item label={t.accidentGrade} name="accidentGrade" rules={required}>
              <SingleSelect<string> options={ACCIDENT_GRADES.map((k) => ({ value: k, label: t.accidentGrades[k] }))} />
            </Form.Item>
          )}
          <Form.Item label={t.concealedDeaths} name="concealedDeaths" rules={required}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item label={t.totalDeaths} name="totalDeaths">
            <InputNumber min={0} max={10_000} precision={0} />
          </Form.Item>
          <Form.Item label={t.seriousInjuries} name="seriousInjuries">
            <InputNumber min={0} max={100_000} precision={0} />
          </Form.Item>
          <Form.Item label={t.directLossYuan} name="directLossYuan" rules={[{ validator: checkFine }]}>
            <Input inputMode="decimal" suffix="元" maxLength={20} />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={t.employeeOfSubject}
        name="employeeOfSubject"
        valuePropName="checked"
        extra={t.employeeOfSubjectHint}
      >
        <Switch />
      </Form.Item>
      {employeeOfSubject && (
        <Form.Item
          label={t.employmentProof}
          name="employmentProof"
          rules={[{ required: true, whitespace: true, message: t.required }, { max: 500 }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      )}
      <Form.Item label={t.alreadyKnownAndHandled} name="alreadyKnownAndHandled" rules={required}>
        <Radio.Group options={yesNo} optionType="button" />
      </Form.Item>
      <Form.Item label={t.fineYuan} name="fineYuan" rules={[{ validator: checkFine }]}>
        <Input inputMode="decimal" suffix="元" maxLength={20} />
      </Form.Item>
      <Form.Item
        label={t.penaltyDecisionNo}
        name="penaltyDecisionNo"
        rules={fineFen ? [{ required: true, whitespace: true, message: t.required }, { max: 80 }] : [{ max: 80 }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item label={t.exclusions} name="exclusions">
        <Checkbox.Group options={exclusions.map((k) => ({ value: k, label: t.exclusionKinds[k] }))} />
      </Form.Item>
    </>
  );
}

const optional = <T,>(v: unknown, ok: (x: unknown) => x is T): T | undefined =>
  v === null || v === undefined || v === '' ? undefined : ok(v) ? v : undefined;
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';

export function findingsPayload(v: FormValues): Findings {
  const fineFen = fineFenOf(v.fineYuan);
  const penaltyDecisionNo = optional(v.penaltyDecisionNo, isString)?.trim();
  const concealed = v.violationKind === 'concealed-accident';
  const gradePending = v.gradePending === true;
  return {
    inspectedOn: String(v.inspectedOn),
    summary: String(v.summary ?? '').trim(),
    // Required by the form and by findingsSchema: anything but an explicit choice is sent as it is and refused.
    substantiated: v.substantiated as boolean,
    alreadyKnownAndHandled: v.alreadyKnownAndHandled === true,
    hazardLevel: optional(v.hazardLevel, isString) as Findings['hazardLevel'],
    violationKind: optional(v.violationKind, isString) as Findings['violationKind'],
    penaltyDecisionNo: penaltyDecisionNo || undefined,
    fineFen: fineFen ?? undefined,
    accidentGrade:
      concealed && !gradePending ? (optional(v.accidentGrade, isString) as Findings['accidentGrade']) : undefined,
    gradePending: concealed && gradePending ? true : undefined,
    concealedDeaths: concealed ? optional(v.concealedDeaths, isNumber) : undefined,
    totalDeaths: concealed ? optional(v.totalDeaths, isNumber) : undefined,
    seriousInjuries: concealed ? optional(v.seriousInjuries, isNumber) : undefined,
    directLossFen: concealed ? (fineFenOf(v.directLossYuan) ?? undefined) : undefined,
    employeeOfSubject: v.employeeOfSubject === true,
    employmentProof: v.employeeOfSubject === true ? optional(v.employmentProof, isString)?.trim() : undefined,
    exclusions: Array.isArray(v.exclusions) ? (v.exclusions as Findings['exclusions']) : [],
  };
}
