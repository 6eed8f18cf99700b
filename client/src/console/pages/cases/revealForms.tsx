// The payload forms of the identity-reveal steps, merged into the action registry:
// the request (reason; "do not tell the reporter" with its legal ground), the
// custodian's approval (an optional comment) and refusal (a reason).
import { Form, Input, Switch } from 'antd';
import { useLang } from '../../../i18n';
import type { ActionFormEntry } from './actionForms';
import { revealTexts } from './revealTexts';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => text(v) || undefined;
const useTexts = () => revealTexts(useLang()).forms;

function RequestFields() {
  const t = useTexts();
  const withhold = Form.useWatch('withholdNotice') === true;
  return (
    <>
      <Form.Item
        label={t.reason}
        name="reason"
        rules={[{ required: true, whitespace: true, min: 10, max: 500, message: t.reasonHint }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
      </Form.Item>
      <Form.Item label={t.withhold} name="withholdNotice" valuePropName="checked" extra={t.withholdHint}>
        <Switch />
      </Form.Item>
      {withhold && (
        <Form.Item
          label={t.legalGround}
          name="legalGround"
          rules={[{ required: true, whitespace: true, message: t.required }, { max: 500 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      )}
    </>
  );
}

function ApproveFields() {
  const t = useTexts();
  return (
    <Form.Item label={t.comment} name="comment" rules={[{ max: 500 }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
    </Form.Item>
  );
}

function RefuseFields() {
  const t = useTexts();
  return (
    <Form.Item
      label={t.refusal}
      name="reason"
      rules={[{ required: true, whitespace: true, message: t.required }, { max: 500 }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
    </Form.Item>
  );
}

export const revealActionForms: Record<string, ActionFormEntry> = {
  'request-identity-reveal': {
    Fields: RequestFields,
    initialValues: () => ({ withholdNotice: false }),
    payload: (v) => ({
      reason: text(v.reason),
      withholdNotice: v.withholdNotice === true,
      ...(v.withholdNotice === true ? { legalGround: text(v.legalGround) } : {}),
    }),
  },
  'approve-identity-reveal': { Fields: ApproveFields, payload: (v) => ({ comment: optionalText(v.comment) }) },
  'refuse-identity-reveal': { Fields: RefuseFields, payload: (v) => ({ reason: text(v.reason) }) },
};
