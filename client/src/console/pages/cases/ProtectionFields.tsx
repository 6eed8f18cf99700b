// The protection risk assessment's fields: in the acceptance form (required when the reporter
// says they work for the subject) and in protection staff's revision of it.
import { Alert, Form, Input, Switch } from 'antd';
import { useT } from '../../../i18n';
import type { CaseView } from './caseTypes';
import type { FormValues } from './actionForms';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function AssessmentFields() {
  const t = useT().cases.protection;
  return (
    <>
      <Form.Item name={['protection', 'insider']} valuePropName="checked" label={t.insider}>
        <Switch />
      </Form.Item>
      <Form.Item name={['protection', 'smallWorkplace']} valuePropName="checked" label={t.smallWorkplace}>
        <Switch />
      </Form.Item>
      <Form.Item name={['protection', 'identifyingDetails']} valuePropName="checked" label={t.identifyingDetails}>
        <Switch />
      </Form.Item>
      <Form.Item name={['protection', 'protect']} valuePropName="checked" label={t.protect}>
        <Switch />
      </Form.Item>
      <Form.Item name={['protection', 'note']} label={t.note} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
      </Form.Item>
      <Form.Item name={['protection', 'coverNote']} label={t.coverNote} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
      </Form.Item>
    </>
  );
}

/** In the acceptance form: always for an insider's report, by choice for any other. */
export function AcceptAssessment({ view }: { view: CaseView }) {
  const t = useT().cases.protection;
  const required = view.employment.reporterSays;
  const chosen = Form.useWatch('assess') === true;
  return (
    <div data-testid="accept-assessment">
      {required ? (
        <>
          <Alert type="warning" showIcon message={t.assessRequired} className="case-protection-alert" />
          {/* Registered, so the form's answer carries it (always on here). */}
          <Form.Item name="assess" valuePropName="checked" hidden>
            <Switch />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="assess" valuePropName="checked" label={t.assess}>
          <Switch />
        </Form.Item>
      )}
      {(required || chosen) && <AssessmentFields />}
    </div>
  );
}

/** The assessment as the server takes it. */
export function assessmentPayload(v: FormValues) {
  const p = (v.protection ?? {}) as Record<string, unknown>;
  return {
    insider: p.insider === true,
    smallWorkplace: p.smallWorkplace === true,
    identifyingDetails: p.identifyingDetails === true,
    protect: p.protect === true,
    ...(text(p.note) ? { note: text(p.note) } : {}),
    ...(text(p.coverNote) ? { coverNote: text(p.coverNote) } : {}),
  };
}

/** What the form starts from: the reporter's word, or the assessment on record. */
export const assessmentInitial = (view: CaseView): FormValues => ({
  protection: {
    insider: view.protection.insider,
    smallWorkplace: false,
    identifyingDetails: false,
    protect: false,
    coverNote: view.protection.coverNote,
  },
});

export const acceptsAssessment = (view: CaseView, v: FormValues) => view.employment.reporterSays || v.assess === true;
