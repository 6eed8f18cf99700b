// The payload forms of the protection-case steps (protection staff only), merged into
// the action registry: open a case with its account, refer or close one of the open ones.
import { Form, Input } from 'antd';
import { protectionOutcomes, referralBodies, retaliationKinds } from '../../../../../shared/protection/policy';
import { useLang } from '../../../i18n';
import { MultipleSelect, SingleSelect } from '../../Selects';
import type { ActionFormEntry, FormValues } from './actionForms';
import type { CaseView } from './caseTypes';
import { bodyName, kindName, outcomeName, protectionTexts } from './protectionTexts';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const openCases = (view: CaseView) => (view.protectionCases ?? []).filter((c) => !c.closedAt);

function useTexts() {
  const lang = useLang();
  return { lang, t: protectionTexts(lang).forms };
}

function Note({ name, label }: { name: string; label: string }) {
  const { t } = useTexts();
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ required: true, whitespace: true, message: t.required }, { max: 2000 }]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
    </Form.Item>
  );
}

function CaseNo({ view }: { view: CaseView }) {
  const { t } = useTexts();
  return (
    <Form.Item label={t.caseNo} name="caseNo" rules={[{ required: true, message: t.required }]}>
      <SingleSelect<string> options={openCases(view).map((c) => ({ value: c.caseNo, label: c.caseNo }))} />
    </Form.Item>
  );
}

function OpenFields() {
  const { t, lang } = useTexts();
  return (
    <>
      <Form.Item label={t.kinds} name="kinds" rules={[{ required: true, message: t.required }]}>
        <MultipleSelect options={retaliationKinds.map((k) => ({ value: k, label: kindName(k, lang) }))} />
      </Form.Item>
      <Note name="account" label={t.account} />
    </>
  );
}

function ReferFields({ view }: { view: CaseView }) {
  const { t, lang } = useTexts();
  return (
    <>
      <CaseNo view={view} />
      <Form.Item label={t.body} name="body" rules={[{ required: true, message: t.required }]}>
        <SingleSelect<string> options={referralBodies.map((b) => ({ value: b, label: bodyName(b, lang) }))} />
      </Form.Item>
      <Note name="note" label={t.referNote} />
    </>
  );
}

function CloseFields({ view }: { view: CaseView }) {
  const { t, lang } = useTexts();
  return (
    <>
      <CaseNo view={view} />
      <Form.Item label={t.outcome} name="outcome" rules={[{ required: true, message: t.required }]}>
        <SingleSelect<string> options={protectionOutcomes.map((o) => ({ value: o, label: outcomeName(o, lang) }))} />
      </Form.Item>
      <Note name="note" label={t.closeNote} />
    </>
  );
}

const firstOpenCase = (view: CaseView): FormValues => ({ caseNo: openCases(view)[0]?.caseNo });

export const protectionActionForms: Record<string, ActionFormEntry> = {
  'open-protection-case': {
    Fields: OpenFields,
    payload: (v) => ({ kinds: v.kinds ?? [], account: text(v.account) }),
  },
  'refer-protection-case': {
    Fields: ReferFields,
    initialValues: firstOpenCase,
    payload: (v) => ({ caseNo: v.caseNo, body: v.body, note: text(v.note) }),
  },
  'close-protection-case': {
    Fields: CloseFields,
    initialValues: firstOpenCase,
    payload: (v) => ({ caseNo: v.caseNo, outcome: v.outcome, note: text(v.note) }),
  },
};
