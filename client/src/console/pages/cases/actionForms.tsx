// The payload form of each workflow action, in one registry: a new action gets its form by
// adding an entry here. Actions without an entry get a confirmation with an optional note.
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber } from 'antd';
import { api } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../SingleSelect';
import { AssignFields } from './AssignFields';
import type { CaseView, Verifier } from './caseTypes';
import { FindingsFields, findingsPayload } from './FindingsFields';
import { rewardActionForms } from './rewardForms';

/** What the dialog's form holds; each entry reads its own fields. */
export type FormValues = Record<string, unknown>;

export interface ActionFormEntry {
  /** The fields, rendered inside the dialog's antd Form. */
  Fields(props: { view: CaseView }): ReactNode;
  /** The request body for POST /reports/:reference/actions/:action. */
  payload(values: FormValues): object;
  initialValues?(view: CaseView): FormValues;
  width?: number;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => text(v) || undefined;

function useRequired() {
  const t = useT().cases.forms;
  return [{ required: true, whitespace: true, message: t.required }];
}

/** A required free-text field: reasons, notes, messages. */
function noteField(name: string, label: (t: ReturnType<typeof useT>['cases']['forms']) => string, required = true) {
  return function NoteField() {
    const t = useT().cases.forms;
    const rules = useRequired();
    return (
      <Form.Item label={label(t)} name={name} rules={required ? [...rules, { max: 2000 }] : [{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    );
  };
}

const NO_VERIFIERS: Verifier[] = [];

/** The verifiers who may take this report (intake officers only may ask). */
function useAssignableVerifiers(reference: string): Verifier[] {
  // On failure the select stays empty; the action's own error explains on submit.
  const { data } = useQuery({
    queryKey: queryKeys.reports.verifiers(reference),
    queryFn: ({ signal }) => api.get<{ items: Verifier[] }>(`/reports/${reference}/assignable-verifiers`, { signal }),
  });
  return data?.items ?? NO_VERIFIERS;
}

function AcceptFields({ view }: { view: CaseView }) {
  const verifiers = useAssignableVerifiers(view.reference);
  return (
    <AssignFields
      verifiers={verifiers}
      suggestedUnitCode={(view as { suggestedUnitCode?: string | null }).suggestedUnitCode}
    />
  );
}

function ReassignFields({ view }: { view: CaseView }) {
  const all = useT();
  const verifiers = useAssignableVerifiers(view.reference).filter((v) => v.id !== view.assignment?.verifierId);
  return (
    <Form.Item label={all.cases.assign.verifier} name="verifierId" rules={useRequired()}>
      <SingleSelect<string> options={verifiers.map((v) => ({ value: v.id, label: v.displayName }))} />
    </Form.Item>
  );
}

function DuplicateFields() {
  const t = useT().cases.forms;
  return (
    <Form.Item
      label={t.duplicateOf}
      name="duplicateOf"
      rules={[...useRequired(), { pattern: /^\s*WP-[0-9A-Z]{4}-[0-9A-Z]{4}\s*$/i, message: 'WP-XXXX-XXXX' }]}
    >
      <Input placeholder="WP-XXXX-XXXX" maxLength={12} />
    </Form.Item>
  );
}

function TransferFields() {
  const t = useT().cases.forms;
  const lang = useLang();
  const { units, areas } = useReferenceData();
  return (
    <>
      <Form.Item label={t.toUnit} name="toUnitCode">
        <SingleSelect<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.code, label: localName(u.name, lang) }))}
        />
      </Form.Item>
      <Form.Item label={t.toArea} name="toArea">
        <SingleSelect<string>
          allowClear
          options={areas.map((a) => ({ value: a.code, label: localName(a.name, lang) }))}
        />
      </Form.Item>
      <Form.Item label={t.transferNote} name="note" rules={[...useRequired(), { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function ExtendFields() {
  const t = useT().cases.forms;
  const required = useRequired();
  return (
    <>
      <Form.Item label={t.days} name="days" rules={[{ required: true, message: t.required }]}>
        <InputNumber min={1} max={30} precision={0} />
      </Form.Item>
      <Form.Item label={t.reason} name="reason" rules={[...required, { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

export const actionForms: Partial<Record<string, ActionFormEntry>> = {
  'request-information': {
    Fields: noteField('message', (t) => t.message),
    payload: (v) => ({ message: text(v.message) }),
  },
  accept: {
    Fields: AcceptFields,
    initialValues: (view) => ({
      unitCode: (view as { suggestedUnitCode?: string | null }).suggestedUnitCode ?? undefined,
    }),
    payload: (v) => ({ unitCode: v.unitCode, verifierId: v.verifierId, dueInDays: v.dueInDays }),
  },
  reject: { Fields: noteField('reason', (t) => t.reason), payload: (v) => ({ reason: text(v.reason) }) },
  'mark-duplicate': { Fields: DuplicateFields, payload: (v) => ({ duplicateOf: text(v.duplicateOf).toUpperCase() }) },
  transfer: {
    Fields: TransferFields,
    payload: (v) => ({ toUnitCode: v.toUnitCode ?? undefined, toArea: v.toArea ?? undefined, note: text(v.note) }),
  },
  reassign: { Fields: ReassignFields, payload: (v) => ({ verifierId: v.verifierId }) },
  'request-extension': { Fields: ExtendFields, payload: (v) => ({ days: v.days, reason: text(v.reason) }) },
  'submit-findings': {
    Fields: FindingsFields,
    payload: findingsPayload,
    width: 720,
    initialValues: () => ({
      substantiated: false,
      alreadyKnownAndHandled: false,
      exclusions: [],
    }),
  },
  'approve-findings': {
    Fields: noteField('comment', (t) => t.comment, false),
    payload: (v) => ({ comment: optionalText(v.comment) }),
  },
  'return-findings': { Fields: noteField('reason', (t) => t.reason), payload: (v) => ({ reason: text(v.reason) }) },
  ...rewardActionForms,
};

/** Actions without an entry: confirm, with an optional note (sent as `note`). */
function ConfirmNote() {
  const t = useT().cases.case;
  return (
    <Form.Item label={t.note} name="note" rules={[{ max: 2000 }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
}

export const confirmOnly: ActionFormEntry = {
  Fields: ConfirmNote,
  payload: (v) => ({ note: optionalText(v.note) }),
};
