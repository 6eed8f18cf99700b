// The payload forms of the money corrections after payment (top-up, recovery),
// the sample re-inspection, and the funding source of a reward's approval,
// merged into the action registry. Amounts are typed in yuan and sent in fen.
import { Form, Input, Radio } from 'antd';
import { useReferenceData } from '../../referenceData';
import { parseYuan } from '../../../../../shared/money';
import { useLang } from '../../../i18n';
import { SingleSelect } from '../../Selects';
import type { ActionFormEntry, FormValues } from './actionForms';
import { correctionTexts, fundSourceOptions } from './correctionTexts';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => text(v) || undefined;
const fenOf = (v: unknown) => (typeof v === 'string' ? (parseYuan(v) ?? undefined) : undefined);

const useTexts = () => correctionTexts(useLang()).forms;

function Required({
  name,
  label,
  max = 60,
  area = false,
}: {
  name: string;
  label: string;
  max?: number;
  area?: boolean;
}) {
  const t = useTexts();
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, whitespace: true, message: t.required }, { max }]}>
      {area ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={max} /> : <Input maxLength={max} />}
    </Form.Item>
  );
}

function Comment() {
  const t = useTexts();
  return (
    <Form.Item label={t.comment} name="comment" rules={[{ max: 2000 }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
}

function RefusalReason() {
  return <Required name="reason" label={useTexts().reason} max={2000} area />;
}

function Yuan({ name, label }: { name: string; label: string }) {
  const t = useTexts();
  const check = (_: unknown, value: string | undefined) =>
    !value?.trim()
      ? Promise.reject(new Error(t.required))
      : parseYuan(value) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t.amountInvalid));
  return (
    <Form.Item label={label} name={name} rules={[{ validator: check }]}>
      <Input inputMode="decimal" suffix="元" />
    </Form.Item>
  );
}

function Day({ name, label }: { name: string; label: string }) {
  const t = useTexts();
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message: t.required }]}>
      <Input type="date" />
    </Form.Item>
  );
}

function FundSourceField() {
  const reference = useReferenceData();
  const t = useTexts();
  return (
    <Form.Item label={t.fundSource} name="fundSource">
      <SingleSelect<string> options={fundSourceOptions(reference)} />
    </Form.Item>
  );
}

function ProposeTopUpFields() {
  const lang = useLang();
  const all = correctionTexts(lang);
  const t = all.forms;
  const ground = Form.useWatch('ground');
  return (
    <>
      <Form.Item label={all.ground} name="ground" rules={[{ required: true, message: t.required }]}>
        <Radio.Group
          options={(['fine-decided', 'grade-confirmed'] as const).map((g) => ({ value: g, label: all.grounds[g] }))}
        />
      </Form.Item>
      {ground === 'fine-decided' && (
        <>
          <Yuan name="fineYuan" label={t.fineYuan} />
          <Required name="penaltyDecisionNo" label={t.penaltyDecisionNo} max={80} />
        </>
      )}
      {ground === 'grade-confirmed' && (
        <Form.Item label={t.accidentGrade} name="accidentGrade" rules={[{ required: true, message: t.required }]}>
          <SingleSelect<string> options={Object.entries(t.grades).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      )}
      <Required name="reason" label={t.reason} max={2000} area />
    </>
  );
}

function ProposeRecoveryFields() {
  const all = correctionTexts(useLang());
  const t = all.forms;
  return (
    <>
      <Form.Item label={all.ground} name="ground" rules={[{ required: true, message: t.required }]}>
        <Radio.Group
          options={(['fraud', 'penalty-quashed', 'other'] as const).map((g) => ({ value: g, label: all.grounds[g] }))}
        />
      </Form.Item>
      <Yuan name="amountYuan" label={t.amountYuan} />
      {/* The money goes back to a source that paid it: a top-up may have come from another. */}
      <FundSourceField />
      <Required name="reason" label={t.reason} max={2000} area />
    </>
  );
}

function VoucherFields({ day }: { day: 'paidOn' | 'receivedOn' }) {
  const t = useTexts();
  return (
    <>
      <Required name="voucherNo" label={t.voucherNo} />
      <Day name={day} label={t[day]} />
    </>
  );
}

function SampleCheckFields() {
  const all = correctionTexts(useLang());
  const t = all.forms;
  return (
    <>
      <Form.Item label={t.outcome} name="outcome" rules={[{ required: true, message: t.required }]}>
        <Radio.Group
          options={(['confirmed', 'irregular'] as const).map((o) => ({ value: o, label: all.sampleOutcome[o] }))}
        />
      </Form.Item>
      <Required name="note" label={t.note} max={2000} area />
    </>
  );
}

export const correctionActionForms: Record<string, ActionFormEntry> = {
  'approve-reward': {
    Fields: () => (
      <>
        <FundSourceField />
        <Comment />
      </>
    ),
    payload: (v: FormValues) => ({ comment: optionalText(v.comment), fundSource: optionalText(v.fundSource) }),
    initialValues: () => ({ fundSource: 'main' }),
  },
  'propose-top-up': {
    Fields: ProposeTopUpFields,
    payload: (v) => ({
      ground: v.ground,
      reason: text(v.reason),
      ...(v.ground === 'fine-decided'
        ? { fineFen: fenOf(v.fineYuan), penaltyDecisionNo: text(v.penaltyDecisionNo) }
        : { accidentGrade: v.accidentGrade }),
    }),
  },
  'approve-top-up': {
    Fields: () => (
      <>
        <FundSourceField />
        <Comment />
      </>
    ),
    payload: (v) => ({ comment: optionalText(v.comment), fundSource: optionalText(v.fundSource) }),
    initialValues: (view) => ({ fundSource: view.reward?.fundSource ?? 'main' }),
  },
  'record-top-up-payout': {
    Fields: () => <VoucherFields day="paidOn" />,
    payload: (v) => ({ voucherNo: text(v.voucherNo), paidOn: text(v.paidOn) }),
  },
  'propose-recovery': {
    Fields: ProposeRecoveryFields,
    payload: (v) => ({
      ground: v.ground,
      amountFen: fenOf(v.amountYuan),
      reason: text(v.reason),
      fundSource: optionalText(v.fundSource),
    }),
    initialValues: (view) => ({ fundSource: view.reward?.fundSource ?? 'main' }),
  },
  'approve-recovery': { Fields: Comment, payload: (v) => ({ comment: optionalText(v.comment) }) },
  'refuse-top-up': { Fields: RefusalReason, payload: (v) => ({ reason: text(v.reason) }) },
  'refuse-recovery': { Fields: RefusalReason, payload: (v) => ({ reason: text(v.reason) }) },
  'record-recovery': {
    Fields: () => <VoucherFields day="receivedOn" />,
    payload: (v) => ({ voucherNo: text(v.voucherNo), receivedOn: text(v.receivedOn) }),
  },
  'record-sample-check': {
    Fields: SampleCheckFields,
    payload: (v) => ({ outcome: v.outcome, note: text(v.note) }),
  },
};
