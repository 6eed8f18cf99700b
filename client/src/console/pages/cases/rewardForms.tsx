// The payload forms of the reward actions, merged into the action registry.
// Amounts are typed in yuan and sent in fen; money actions also carry an
// Idempotency-Key, which the action dialog adds (see moneyActions).
import { Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import { parseYuan } from '../../../../../shared/money';
import { deadlines } from '../../../../../shared/workflow';
import { useT } from '../../../i18n';
import type { ActionFormEntry, FormValues } from './actionForms';
import { rewardControlForms } from './RewardControls';
import { ProposalPreview } from './ProposalPreview';
import type { CaseView } from './caseTypes';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => text(v) || undefined;
const fenOf = (v: unknown) => (typeof v === 'string' ? (parseYuan(v) ?? undefined) : undefined);

function useTexts() {
  const all = useT();
  return { r: all.cases.reward.forms, f: all.cases.forms };
}

function YuanField({ name, label, required }: { name: string; label: string; required: boolean }) {
  const { r, f } = useTexts();
  const check = (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return required ? Promise.reject(new Error(f.required)) : Promise.resolve();
    return parseYuan(value) ? Promise.resolve() : Promise.reject(new Error(r.amountInvalid));
  };
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ validator: check }]}
      extra={name === 'amountYuan' ? r.amountHint : undefined}
    >
      <Input inputMode="decimal" suffix="元" />
    </Form.Item>
  );
}

function ReasonField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { f } = useTexts();
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[...(required ? [{ required: true, whitespace: true, message: f.required }] : []), { max: 2000 }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
}

function ProposeFields({ view }: { view: CaseView }) {
  const { r } = useTexts();
  const amount = Form.useWatch('amountYuan');
  return (
    <>
      <ProposalPreview reference={view.reference} typed={amount} />
      <YuanField name="amountYuan" label={r.amountYuan} required={false} />
      {typeof amount === 'string' && amount.trim() ? (
        <ReasonField name="adjustmentReason" label={r.adjustmentReason} />
      ) : (
        <ReasonField name="noRewardReason" label={r.noRewardReason} required={false} />
      )}
    </>
  );
}

function PayoutFields() {
  const { r, f } = useTexts();
  return (
    <>
      <Form.Item
        label={r.voucherNo}
        name="voucherNo"
        rules={[{ required: true, whitespace: true, message: f.required }, { max: 60 }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item label={r.paidOn} name="paidOn" rules={[{ required: true, message: f.required }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="claimantChecked"
        valuePropName="checked"
        rules={[
          { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(r.claimantCheckedRequired))) },
        ]}
      >
        <Checkbox>{r.claimantChecked}</Checkbox>
      </Form.Item>
    </>
  );
}

function ExtendClaimFields() {
  const { r, f } = useTexts();
  return (
    <>
      <Form.Item label={r.extendDays} name="days" rules={[{ required: true, message: f.required }]}>
        <InputNumber min={1} max={deadlines.maxClaimExtensionDays} precision={0} />
      </Form.Item>
      <ReasonField name="reason" label={f.reason} />
    </>
  );
}

function AppealFields() {
  const all = useT();
  const { r, f } = useTexts();
  const outcome = Form.useWatch('outcome');
  return (
    <>
      <Form.Item label={r.outcome} name="outcome" rules={[{ required: true, message: f.required }]}>
        <Radio.Group
          options={(['upheld', 'revised'] as const).map((o) => ({
            value: o,
            label: all.cases.reward.appealOutcome[o],
          }))}
        />
      </Form.Item>
      {outcome === 'revised' && <YuanField name="newAmountYuan" label={r.newAmountYuan} required />}
      <ReasonField name="reason" label={f.reason} />
    </>
  );
}

function CommentField() {
  const { f } = useTexts();
  return <ReasonField name="comment" label={f.comment} required={false} />;
}

function ReasonOnly() {
  const { f } = useTexts();
  return <ReasonField name="reason" label={f.reason} />;
}

export const rewardActionForms: Record<string, ActionFormEntry> = {
  ...rewardControlForms,
  'propose-reward': {
    Fields: ProposeFields,
    width: 720,
    payload: (v: FormValues) => {
      const amountFen = fenOf(v.amountYuan);
      return amountFen !== undefined
        ? { amountFen, adjustmentReason: text(v.adjustmentReason) }
        : { noRewardReason: optionalText(v.noRewardReason) };
    },
  },
  'confirm-reward': { Fields: CommentField, payload: (v) => ({ comment: optionalText(v.comment) }) },
  'return-reward': { Fields: ReasonOnly, payload: (v) => ({ reason: text(v.reason) }) },
  'send-back-reward': { Fields: ReasonOnly, payload: (v) => ({ reason: text(v.reason) }) },
  // 'approve-reward' names its funding source: see correctionForms.tsx.
  'extend-claim': { Fields: ExtendClaimFields, payload: (v) => ({ days: v.days, reason: text(v.reason) }) },
  'reject-claim': { Fields: ReasonOnly, payload: (v) => ({ reason: text(v.reason) }) },
  'record-payout': {
    Fields: PayoutFields,
    payload: (v) => ({
      voucherNo: text(v.voucherNo),
      paidOn: text(v.paidOn),
      claimantChecked: v.claimantChecked === true,
    }),
  },
  'decide-appeal': {
    Fields: AppealFields,
    payload: (v) => ({
      outcome: v.outcome,
      reason: text(v.reason),
      ...(v.outcome === 'revised' ? { amountFen: fenOf(v.newAmountYuan) } : {}),
    }),
  },
};
