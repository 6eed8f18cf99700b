// The payload forms of the steps around a conclusion and of rectification, merged
// into the action registry: more time for verification, "cannot be verified"
// referred up, a death case's investigation, the result letter, the objection's
// review, a transfer's result, rectification orders and their sign-off.
import { Alert, Descriptions, Form, Input, InputNumber, Radio, Switch } from 'antd';
import { formatYuan } from '../../../../../shared/money';
import { deadlines } from '../../../../../shared/workflow';
import { useLang, useT } from '../../../i18n';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../Selects';
import type { ActionFormEntry, FormValues } from './actionForms';
import { AssignFields } from './AssignFields';
import type { CaseView } from './caseTypes';
import { useAssignableVerifiers } from './useAssignableVerifiers';

const ACCIDENT_GRADES = ['general', 'larger', 'major', 'especially-major'] as const;
const TRANSFER_OUTCOMES = ['handled', 'substantiated', 'unsubstantiated', 'returned'] as const;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => text(v) || undefined;
const number = (v: unknown) => (typeof v === 'number' ? v : undefined);

function useTexts() {
  const all = useT();
  return { o: all.cases.outcome.forms, f: all.cases.forms, all };
}

const requiredRule = (message: string) => [{ required: true, whitespace: true, message }, { max: 2000 }];

function ReasonField({ name, label }: { name: string; label: string }) {
  const { o } = useTexts();
  return (
    <Form.Item label={label} name={name} rules={requiredRule(o.required)}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
}

function DayField({
  name,
  label,
  optional,
  extra,
}: {
  name: string;
  label: string;
  optional?: boolean;
  extra?: string;
}) {
  const { o } = useTexts();
  return (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={optional ? [] : [{ required: true, message: o.required }]}
    >
      <Input type="date" />
    </Form.Item>
  );
}

function RequestExtensionFields() {
  const { o } = useTexts();
  return (
    <>
      <Form.Item label={o.extensionDays} name="days" rules={[{ required: true, message: o.required }]}>
        <InputNumber min={1} max={deadlines.maxExtensionDays} precision={0} />
      </Form.Item>
      <ReasonField name="reason" label={o.extensionReason} />
    </>
  );
}

/** The request being decided, shown above the decision. */
function ExtensionRequestShown({ view }: { view: CaseView }) {
  const { all } = useTexts();
  const request = view.extensionRequest;
  if (!request) return null;
  return (
    <Alert
      type="info"
      className="page-alert"
      title={all.cases.outcome.sections.extensionRequested(request.days, request.reason)}
    />
  );
}

function ApproveExtensionFields({ view }: { view: CaseView }) {
  const { o } = useTexts();
  return (
    <>
      <ExtensionRequestShown view={view} />
      <ReasonField name="reason" label={o.approveReason} />
    </>
  );
}

function RefuseExtensionFields({ view }: { view: CaseView }) {
  const { o } = useTexts();
  return (
    <>
      <ExtensionRequestShown view={view} />
      <ReasonField name="reason" label={o.refuseReason} />
    </>
  );
}

function ReferFields() {
  const { o } = useTexts();
  return <ReasonField name="reason" label={o.referReason} />;
}

function DecideReferralFields({ view }: { view: CaseView }) {
  const { o } = useTexts();
  const outcome = Form.useWatch<string | undefined>('outcome');
  const verifiers = useAssignableVerifiers(view.reference);
  return (
    <>
      {view.referral && <Alert type="info" className="page-alert" title={view.referral.reason} />}
      <Form.Item label={o.referralOutcome} name="outcome" rules={[{ required: true, message: o.required }]}>
        <Radio.Group
          options={(['conclude', 'reverify'] as const).map((k) => ({ value: k, label: o.referralOutcomes[k] }))}
        />
      </Form.Item>
      {outcome === 'conclude' && <ReasonField name="reason" label={o.conclusionReason} />}
      {outcome === 'reverify' && (
        <>
          <AssignFields verifiers={verifiers} suggestedUnitCode={view.assignment?.unitCode} />
          <ReasonField name="instructions" label={o.instructions} />
        </>
      )}
    </>
  );
}

function InvestigationFields({ view }: { view: CaseView }) {
  const { o, f } = useTexts();
  const concealed = view.findings?.violationKind === 'concealed-accident';
  const required = [{ required: true, message: o.required }];
  return (
    <>
      <Form.Item
        label={o.reportNo}
        name="reportNo"
        rules={[{ required: true, whitespace: true, message: o.required }, { max: 80 }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <DayField name="issuedOn" label={o.issuedOn} />
      <Form.Item label={o.grade} name="grade" rules={required}>
        <SingleSelect<string> options={ACCIDENT_GRADES.map((k) => ({ value: k, label: f.accidentGrades[k] }))} />
      </Form.Item>
      <Form.Item label={o.deaths} name="deaths" rules={required}>
        <InputNumber min={0} max={10_000} precision={0} />
      </Form.Item>
      {concealed && (
        <Form.Item label={o.concealedDeaths} name="concealedDeaths" rules={required}>
          <InputNumber min={1} max={10_000} precision={0} />
        </Form.Item>
      )}
    </>
  );
}

/** What the letter will say, as the server writes it: the conclusion, the account, the handling, the penalty when public. */
function LetterPreview({ view }: { view: CaseView }) {
  const { o, all } = useTexts();
  const s = all.cases.outcome.sections;
  const account = Form.useWatch<string | undefined>('account');
  const handling = Form.useWatch<string | undefined>('handling');
  const penaltyPublic = Form.useWatch<boolean | undefined>('penaltyPublic');
  const findings = (view.findings ?? {}) as { penaltyDecisionNo?: string; fineFen?: number };
  const kind = view.conclusion?.kind ?? '';
  const penalty =
    penaltyPublic && findings.penaltyDecisionNo
      ? s.letterPenalty(findings.penaltyDecisionNo, findings.fineFen ? formatYuan(findings.fineFen) : '')
      : o.previewPenaltyNone;
  return (
    <Descriptions
      title={o.letterPreview}
      column={1}
      size="small"
      bordered
      className="case-letter-preview"
      data-testid="letter-preview"
    >
      <Descriptions.Item label={o.previewConclusion}>{s.conclusionKinds[kind] ?? kind}</Descriptions.Item>
      <Descriptions.Item label={s.letterAccount}>
        <span className="case-description">{account ?? ''}</span>
      </Descriptions.Item>
      <Descriptions.Item label={s.letterHandling}>
        <span className="case-description">{handling ?? ''}</span>
      </Descriptions.Item>
      <Descriptions.Item label={o.previewPenalty}>{penalty}</Descriptions.Item>
      <Descriptions.Item label={o.previewReward}>{o.previewRewardText}</Descriptions.Item>
      {kind && kind !== 'substantiated' && (
        <Descriptions.Item label={all.cases.outcome.sections.objections}>{o.previewObjection}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

function ResultLetterFields({ view }: { view: CaseView }) {
  const { o } = useTexts();
  const hasPenalty = !!(view.findings as { penaltyDecisionNo?: string } | undefined)?.penaltyDecisionNo;
  return (
    <>
      <ReasonField name="account" label={o.account} />
      <ReasonField name="handling" label={o.handling} />
      {hasPenalty && (
        <Form.Item label={o.penaltyPublic} name="penaltyPublic" valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <LetterPreview view={view} />
    </>
  );
}

function DecideObjectionFields({ view }: { view: CaseView }) {
  const { o } = useTexts();
  const outcome = Form.useWatch<string | undefined>('outcome');
  const objection = view.objections.at(-1);
  const fromRejected = objection?.fromStatus === 'rejected';
  const verifiers = useAssignableVerifiers(view.reference);
  return (
    <>
      {objection && <Alert type="info" className="page-alert" title={objection.reason} />}
      <Form.Item label={o.objectionOutcome} name="outcome" rules={[{ required: true, message: o.required }]}>
        <Radio.Group
          options={(['upheld', 'reopened'] as const).map((k) => ({ value: k, label: o.objectionOutcomes[k] }))}
        />
      </Form.Item>
      <ReasonField name="reason" label={o.objectionReason} />
      {outcome === 'reopened' &&
        (fromRejected ? (
          <Alert type="warning" className="page-alert" title={o.reopenToScreening} />
        ) : (
          <AssignFields verifiers={verifiers} suggestedUnitCode={view.assignment?.unitCode} />
        ))}
    </>
  );
}

function TransferResultFields() {
  const { o } = useTexts();
  return (
    <>
      <DayField name="receivedOn" label={o.receivedOn} />
      <Form.Item label={o.transferOutcome} name="outcome" rules={[{ required: true, message: o.required }]}>
        <Radio.Group options={TRANSFER_OUTCOMES.map((k) => ({ value: k, label: o.transferOutcomes[k] }))} />
      </Form.Item>
      <ReasonField name="summary" label={o.transferSummary} />
    </>
  );
}

function OrderRectificationFields() {
  const { o } = useTexts();
  const lang = useLang();
  const { units } = useReferenceData();
  const major = Form.useWatch<boolean | undefined>('major');
  const line = (max: number) => [{ required: true, whitespace: true, message: o.required }, { max }];
  return (
    <>
      <Form.Item label={o.orderNo} name="orderNo" rules={line(80)}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item label={o.enterprise} name="enterprise" rules={line(200)}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={o.responsibleUnit} name="unitCode" rules={[{ required: true, message: o.required }]}>
        <SingleSelect<string>
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.code, label: localName(u.name, lang) }))}
        />
      </Form.Item>
      <DayField name="dueOn" label={o.dueOn} optional extra={o.dueOnDefault} />
      <Form.Item label={o.major} name="major" valuePropName="checked">
        <Switch />
      </Form.Item>
      {major && (
        <Form.Item label={o.listingBody} name="listingBody" rules={line(120)}>
          <Input maxLength={120} />
        </Form.Item>
      )}
    </>
  );
}

function SignOffFields({ view }: { view: CaseView }) {
  const { o, all } = useTexts();
  const r = all.cases.outcome.rectification;
  const waiting = view.rectifications.filter((t) => t.status === 'awaiting-sign-off');
  return (
    <>
      <Form.Item label={o.task} name="taskId" rules={[{ required: true, message: o.required }]}>
        <SingleSelect<string>
          options={waiting.map((t) => ({
            value: t.taskId,
            label: `${t.taskId} · ${t.orderNo} · ${t.enterprise}${t.listingBody ? ` · ${r.listing(t.listingBody)}` : ''}`,
          }))}
        />
      </Form.Item>
      <ReasonField name="note" label={o.signOffNote} />
    </>
  );
}

const reasonOnly = (v: FormValues) => ({ reason: text(v.reason) });

export const outcomeActionForms: Record<string, ActionFormEntry> = {
  'request-extension': {
    Fields: RequestExtensionFields,
    payload: (v) => ({ days: v.days, reason: text(v.reason) }),
  },
  'approve-extension': { Fields: ApproveExtensionFields, payload: reasonOnly },
  'refuse-extension': { Fields: RefuseExtensionFields, payload: reasonOnly },
  'refer-unverifiable': { Fields: ReferFields, payload: reasonOnly },
  'decide-referral': {
    Fields: DecideReferralFields,
    width: 640,
    initialValues: (view) => ({ unitCode: view.assignment?.unitCode }),
    payload: (v) =>
      v.outcome === 'reverify'
        ? {
            outcome: 'reverify',
            unitCode: v.unitCode,
            verifierId: v.verifierId,
            dueInDays: number(v.dueInDays),
            instructions: text(v.instructions),
          }
        : { outcome: 'conclude', reason: text(v.reason) },
  },
  'record-investigation': {
    Fields: InvestigationFields,
    payload: (v) => ({
      reportNo: text(v.reportNo),
      issuedOn: text(v.issuedOn),
      grade: v.grade,
      deaths: number(v.deaths),
      concealedDeaths: number(v.concealedDeaths),
    }),
  },
  'send-result-letter': {
    Fields: ResultLetterFields,
    width: 720,
    initialValues: () => ({ penaltyPublic: false }),
    payload: (v) => ({ account: text(v.account), handling: text(v.handling), penaltyPublic: v.penaltyPublic === true }),
  },
  'decide-objection': {
    Fields: DecideObjectionFields,
    width: 640,
    initialValues: (view) => ({ unitCode: view.assignment?.unitCode }),
    payload: (v) =>
      v.outcome === 'reopened'
        ? {
            outcome: 'reopened',
            reason: text(v.reason),
            unitCode: v.unitCode ?? undefined,
            verifierId: v.verifierId ?? undefined,
            dueInDays: number(v.dueInDays),
          }
        : { outcome: 'upheld', reason: text(v.reason) },
  },
  'record-transfer-result': {
    Fields: TransferResultFields,
    payload: (v) => ({ receivedOn: text(v.receivedOn), outcome: v.outcome, summary: text(v.summary) }),
  },
  'order-rectification': {
    Fields: OrderRectificationFields,
    initialValues: (view) => ({
      enterprise: view.subjectName,
      unitCode: view.assignment?.unitCode,
      major: view.findings?.hazardLevel === 'major',
    }),
    payload: (v) => ({
      orderNo: text(v.orderNo),
      enterprise: text(v.enterprise),
      unitCode: v.unitCode,
      dueOn: optionalText(v.dueOn),
      major: v.major === true,
      listingBody: v.major === true ? optionalText(v.listingBody) : undefined,
    }),
  },
  'sign-off-rectification': {
    Fields: SignOffFields,
    initialValues: (view) => {
      const waiting = view.rectifications.filter((t) => t.status === 'awaiting-sign-off');
      return waiting.length === 1 ? { taskId: waiting[0].taskId } : {};
    },
    payload: (v) => ({ taskId: v.taskId, note: text(v.note) }),
  },
};
