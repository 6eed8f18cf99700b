// Driving reports through the workflow, for suites that need a case at a given
// stage: submit as a reporter over HTTP, take the steps up to the stage through
// the workflow command itself (the same pipeline the action route calls, without
// the HTTP round trip), act as staff over HTTP, follow up as the reporter.
import request, { type Response, type Test } from 'supertest';
import type { Role } from '../../shared/roles';
import type { WorkflowActionName } from '../../shared/workflow';
import { actionPayloads, type ActionPayloads } from '../../shared/schemas/workflow';
import type { Actor } from '../../server/access';
import { publicBaseUrlOf } from '../../server/app';
import { staffActor } from '../../server/staff/authenticate';
import { transition } from '../../server/reports/pipeline';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { nextClientIp, submit } from './intake';
import type { TestApp } from './server';
import { as, type StaffSession, openSession } from './staff';

export interface Receipt {
  reference: string;
  accessKey: string;
}

export const realNameReport = (over: Record<string, unknown> = {}) => ({
  category: 'fire-exits-blocked',
  area: '410503',
  description: '商场的安全出口被货架堵死，消防通道长期锁闭。',
  anonymous: false,
  reporter: { name: '王五', phone: '13800000000' },
  ...over,
});

/** Findings of a substantiated major hazard with a 5,000-yuan fine. */
export const substantiatedFindings = (over: Record<string, unknown> = {}) => ({
  inspectedOn: '2026-11-20',
  summary: '现场检查确认两个安全出口被货架堵塞，已责令立即清理。',
  substantiated: true,
  violationKind: 'major-hazard',
  hazardLevel: 'major',
  alreadyKnownAndHandled: false,
  fineFen: 500_000,
  penaltyDecisionNo: '安消罚决字〔2026〕0012号',
  ...over,
});

export type CaseStage = 'submitted' | 'screening' | 'assigned' | 'verifying' | 'findings-submitted' | 'substantiated';

export interface Cases {
  staff: Record<Role, StaffSession>;
  /** A second finance officer: whoever approved a reward never records its payment. */
  cashier: StaffSession;
  newReport(over?: Record<string, unknown>): Promise<Receipt>;
  act(ref: string, action: string, body?: object, who?: StaffSession, headers?: Record<string, string>): Test;
  /** An action that must succeed. */
  ok(
    ref: string,
    action: WorkflowActionName,
    body?: object,
    who?: StaffSession,
    headers?: Record<string, string>,
  ): Promise<Response>;
  view(ref: string, who?: StaffSession): Test;
  /** A staff GET of any path. */
  get(path: string, who: StaffSession): Test;
  /** A new report taken along the main path up to `stage`. */
  reportAt(
    stage: CaseStage,
    over?: { report?: Record<string, unknown>; findings?: Record<string, unknown> },
  ): Promise<Receipt>;
  /** A follow-up token for the reporter of `receipt`. */
  followupToken(receipt: Receipt): Promise<string>;
  /** A reporter request with that token. */
  reporter(req: Test, token: string): Test;
  stored(ref: string): Promise<NonNullable<Awaited<ReturnType<typeof loadReport>>>>;
  /** The result letter (核查结果告知) of a concluded report, sent by the reviewer: closing needs it. */
  sendLetter(ref: string, who?: StaffSession): Promise<Response>;
}

/** A staff member as the session check makes them an actor. */
async function actorOf(username: string): Promise<Actor> {
  const staff = await Staff.findOne({ username }).lean();
  if (!staff) throw new Error(`no staff account ${username}`);
  return staffActor(staff);
}

const loadReport = (reference: string) => Report.findOne({ reference }).lean();

export async function caseDriver(t: TestApp): Promise<Cases> {
  const staffSessions = {} as Record<Role, StaffSession>;
  for (const role of ['admin', 'intake', 'verifier', 'reviewer', 'finance'] as const)
    staffSessions[role] = await openSession(t, role);
  const verifierId = staffSessions.verifier.user.id;
  const actors = {} as Record<Role, Actor>;
  for (const role of ['intake', 'verifier', 'reviewer'] as const) actors[role] = await actorOf(role);
  /** A step through the workflow command, its payload parsed as the action route parses it. */
  const step = async (ref: string, action: keyof typeof actionPayloads, body: object, role: Role) => {
    const payload = actionPayloads[action].parse(body) as ActionPayloads[typeof action];
    await transition(ref, action, payload, actors[role], { box: t.box, publicBaseUrl: publicBaseUrlOf(t.config) });
  };

  const withIp = (req: Test) => req.set('X-Forwarded-For', nextClientIp());
  const act: Cases['act'] = (ref, action, body = {}, who = staffSessions.intake, headers = {}) => {
    const req = as(withIp(request(t.app).post(`/api/v1/reports/${ref}/actions/${action}`)), who);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body);
  };
  const ok: Cases['ok'] = async (ref, action, body = {}, who = staffSessions.intake, headers = {}) => {
    const res = await act(ref, action, body, who, headers);
    if (res.status !== 200) throw new Error(`${action} on ${ref} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const path: [CaseStage, keyof typeof actionPayloads, Role][] = [
    ['screening', 'start-screening', 'intake'],
    ['assigned', 'accept', 'intake'],
    ['verifying', 'start-verification', 'verifier'],
    ['findings-submitted', 'submit-findings', 'verifier'],
    ['substantiated', 'approve-findings', 'reviewer'],
  ];
  const newReport: Cases['newReport'] = async (over = {}) => {
    const res = await submit(t.app, realNameReport(over));
    if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Receipt;
  };

  return {
    staff: staffSessions,
    cashier: await openSession(t, 'cashier'),
    newReport,
    act,
    ok,
    view: (ref, who = staffSessions.intake) => as(withIp(request(t.app).get(`/api/v1/reports/${ref}`)), who, null),
    get: (path, who) => as(withIp(request(t.app).get(path)), who, null),
    async reportAt(stage, over = {}) {
      const receipt = await newReport(over.report);
      if (stage === 'submitted') return receipt;
      // An insider's report is accepted with its protection assessment (medium risk: not protected).
      const assessment = { insider: true, smallWorkplace: false, identifyingDetails: false };
      const bodies: Partial<Record<WorkflowActionName, object>> = {
        accept: {
          unitCode: 'city-fire',
          verifierId,
          ...((over.report as { employeeOfSubject?: boolean } | undefined)?.employeeOfSubject
            ? { protection: assessment }
            : {}),
        },
        'submit-findings': substantiatedFindings(over.findings),
      };
      for (const [reached, action, role] of path) {
        await step(receipt.reference, action, bodies[action] ?? {}, role);
        if (reached === stage) break;
      }
      return receipt;
    },
    async followupToken(receipt) {
      const res = await withIp(request(t.app).post('/api/v1/followup/sessions')).send(receipt);
      if (res.status !== 201) throw new Error(`follow-up sign-in failed: ${res.status}`);
      return res.body.token as string;
    },
    reporter: (req, token) => withIp(req).set('Authorization', `Bearer ${token}`),
    stored: async (ref) => (await loadReport(ref))!,
    sendLetter: (ref, who = staffSessions.reviewer) => ok(ref, 'send-result-letter', resultLetter, who),
  };
}

/** A result letter's account and handling, as a reviewer would write them. */
export const resultLetter = {
  account: '核查人员于现场检查，调取了相关记录并询问了现场负责人。',
  handling: '已依法责令整改，并立案调查。',
};
