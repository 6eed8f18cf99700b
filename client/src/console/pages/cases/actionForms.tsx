// The payload form of each workflow action, in one registry: a new action gets its form by
// adding an entry here. Actions without an entry get a confirmation with an optional note.
import type { ReactNode } from 'react';
import { Form, Input, Radio, Switch } from 'antd';
import { useLang, useT } from '../../../i18n';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../Selects';
import { AssignFields, useVerifierOptions } from './AssignFields';
import { AcceptAssessment, AssessmentFields, assessmentInitial, assessmentPayload } from './ProtectionFields';
import type { CaseView } from './caseTypes';
import { FindingsFields, findingsPayload } from './FindingsFields';
import { outcomeActionForms } from './outcomeForms';
import { rewardActionForms } from './rewardForms';
import { correctionActionForms } from './correctionForms';
import { protectionActionForms } from './protectionForms';
import { revealActionForms } from './revealForms';
import { useAssignableVerifiers } from './useAssignableVerifiers';

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

function AcceptFields({ view }: { view: CaseView }) {
  const o = useT().cases.outcome.forms;
  const verifiers = useAssignableVerifiers(view.reference);
  return (
    <>
      <AssignFields
        verifiers={verifiers}
        suggestedUnitCode={(view as { suggestedUnitCode?: string | null }).suggestedUnitCode}
      />
      <Form.Item label={o.involvesDeaths} name="involvesDeaths" valuePropName="checked" extra={o.involvesDeathsHint}>
        <Switch />
      </Form.Item>
      <AcceptAssessment view={view} />
    </>
  );
}

/** After a withdrawal: whether the bureau continues of its own motion (依职权), and why. */
function ContinuationFields() {
  const t = useT().cases.protection;
  return (
    <>
      <Form.Item label={t.continuationOutcome} name="outcome" rules={useRequired().slice(0, 1)}>
        <Radio.Group
          options={(['continue', 'end'] as const).map((o) => ({ value: o, label: t.continuationOutcomes[o] }))}
        />
      </Form.Item>
      <Form.Item label={t.continuationReason} name="reason" rules={[...useRequired(), { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function ReassignFields({ view }: { view: CaseView }) {
  const all = useT();
  const verifiers = useAssignableVerifiers(view.reference).filter((v) => v.id !== view.assignment?.verifierId);
  return (
    <Form.Item label={all.cases.assign.verifier} name="verifierId" rules={useRequired()}>
      <SingleSelect<string> showSearch={{ optionFilterProp: 'label' }} options={useVerifierOptions(verifiers)} />
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

export const actionForms: Partial<Record<string, ActionFormEntry>> = {
  'request-information': {
    Fields: noteField('message', (t) => t.message),
    payload: (v) => ({ message: text(v.message) }),
  },
  accept: {
    Fields: AcceptFields,
    initialValues: (view) => ({
      unitCode: (view as { suggestedUnitCode?: string | null }).suggestedUnitCode ?? undefined,
      // An insider's report is accepted with the assessment: the form starts with it on.
      assess: view.employment.reporterSays,
      ...assessmentInitial(view),
    }),
    payload: (v) => ({
      unitCode: v.unitCode,
      verifierId: v.verifierId,
      dueInDays: v.dueInDays,
      involvesDeaths: v.involvesDeaths === true,
      ...(v.assess === true ? { protection: assessmentPayload(v) } : {}),
    }),
  },
  'assess-protection': { Fields: AssessmentFields, initialValues: assessmentInitial, payload: assessmentPayload },
  'decide-continuation': {
    Fields: ContinuationFields,
    payload: (v) => ({ outcome: v.outcome, reason: text(v.reason) }),
  },
  reject: { Fields: noteField('reason', (t) => t.reason), payload: (v) => ({ reason: text(v.reason) }) },
  'mark-duplicate': {
    Fields: DuplicateFields,
    // A report linked or flagged at intake starts with the matter's earlier case.
    initialValues: (view) => ({ duplicateOf: view.matter && view.matter.state !== 'unlinked' ? view.matter.of : '' }),
    payload: (v) => ({ duplicateOf: text(v.duplicateOf).toUpperCase() }),
  },
  'unlink-matter': { Fields: noteField('reason', (t) => t.reason), payload: (v) => ({ reason: text(v.reason) }) },
  transfer: {
    Fields: TransferFields,
    // A category outside the city scheme (coal mines) goes to its own channel: preselected, with the reason.
    initialValues: (view) => {
      const outside = (view as { outsideScheme?: { channelUnitCode: string; reason: { zh: string } } }).outsideScheme;
      return outside ? { toUnitCode: outside.channelUnitCode, note: outside.reason.zh } : {};
    },
    payload: (v) => ({ toUnitCode: v.toUnitCode ?? undefined, toArea: v.toArea ?? undefined, note: text(v.note) }),
  },
  reassign: { Fields: ReassignFields, payload: (v) => ({ verifierId: v.verifierId }) },
  'submit-findings': {
    Fields: FindingsFields,
    payload: findingsPayload,
    width: 720,
    // 举报属实 starts unchosen: the verifier must say yes or no (FindingsFields).
    initialValues: () => ({
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
  ...outcomeActionForms,
  ...correctionActionForms,
  ...protectionActionForms,
  ...revealActionForms,
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
