// Demo reports, so a first look at the console, the dashboard and the
// transparency page shows real queues and figures. Every step goes through the
// real commands with a back-dated clock, so the audit chain, timelines, rollups
// and the fund ledger are exactly what months of use would have left.
import { unitLevel } from '../reports/conclusion';
import { categories } from '../../shared/catalog';
import { shanghaiDay } from '../../shared/dates';
import { reportInputSchema } from '../../shared/schemas/report';
import { actionPayloads } from '../../shared/schemas/workflow';
import type { WorkflowActionName } from '../../shared/workflow';
import type { Role } from '../../shared/roles';
import { transition } from '../reports/pipeline';
import { reportSubmitter, type SubmissionContext } from '../reports/intake/reportSubmitter';
import { Report } from '../reports/report.model';
import { Staff } from '../staff/staff.model';
import type { Actor } from '../access';
import { claimReward } from '../rewards/reporterSteps';
import { demoCases, type DemoCase, type DemoStage } from './demoReportData';
import { defaultResponsibilities } from './seed';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The demo accounts that work cases (the administrator does not); the cashier pays what finance approved. */
const caseWorkers = ['intake', 'verifier', 'reviewer', 'finance', 'cashier'] as const;
type CaseWorker = (typeof caseWorkers)[number];
type Step = { day: number; action: WorkflowActionName | 'claim'; by: CaseWorker };

const screen: Step = { day: 1, action: 'start-screening', by: 'intake' };
const toVerifying: Step[] = [
  screen,
  { day: 2, action: 'accept', by: 'intake' },
  { day: 4, action: 'start-verification', by: 'verifier' },
];
const toFindings: Step[] = [...toVerifying, { day: 12, action: 'submit-findings', by: 'verifier' }];
const toConcluded: Step[] = [...toFindings, { day: 14, action: 'approve-findings', by: 'reviewer' }];
const toProposed: Step[] = [...toConcluded, { day: 16, action: 'propose-reward', by: 'verifier' }];
const toReviewed: Step[] = [...toProposed, { day: 18, action: 'confirm-reward', by: 'reviewer' }];
const toApproved: Step[] = [...toReviewed, { day: 20, action: 'approve-reward', by: 'finance' }];
const toClaimed: Step[] = [...toApproved, { day: 25, action: 'claim', by: 'finance' }];
const toPaid: Step[] = [...toClaimed, { day: 30, action: 'record-payout', by: 'cashier' }];

/** The steps that take a new report to each demo stage. */
const paths: Record<DemoStage, Step[]> = {
  submitted: [],
  screening: [screen],
  rejected: [screen, { day: 2, action: 'reject', by: 'intake' }],
  assigned: toVerifying.slice(0, 2),
  verifying: toVerifying,
  'findings-submitted': toFindings,
  substantiated: toConcluded,
  unsubstantiated: toConcluded,
  'reward-proposed': toProposed,
  'reward-reviewed': toReviewed,
  'reward-approved': toApproved,
  'reward-claimed': toClaimed,
  'reward-paid': toPaid,
  'closed-unsubstantiated': [...toConcluded, { day: 16, action: 'close', by: 'intake' }],
  'closed-paid': [...toPaid, { day: 32, action: 'close', by: 'reviewer' }],
};

const substantiates = (s: DemoStage) => !['unsubstantiated', 'closed-unsubstantiated'].includes(s);

function findingsFor(c: DemoCase, at: Date, i: number): unknown {
  const base = { inspectedOn: shanghaiDay(at), alreadyKnownAndHandled: false };
  if (!substantiates(c.stage))
    return { ...base, substantiated: false, summary: '经现场核查，举报反映的问题未发现，相关证照和检验记录齐全。' };
  const penalty = {
    fineFen: 300_000 + (i % 5) * 100_000,
    penaltyDecisionNo: `安应急罚〔2026〕${String(100 + i).padStart(4, '0')}号`,
  };
  const kind =
    c.category === 'concealed-accident'
      ? { violationKind: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 1 }
      : c.category.startsWith('welding-')
        ? { violationKind: 'welding' }
        : { violationKind: 'major-hazard', hazardLevel: 'major' };
  return {
    ...base,
    substantiated: true,
    summary: '现场检查确认举报属实，已依法立案处罚并责令限期整改。',
    ...kind,
    ...penalty,
  };
}

function payloadFor(step: Step, c: DemoCase, i: number, at: Date, verifierId: string): unknown {
  switch (step.action) {
    case 'accept': {
      const sector = categories.find((k) => k.code === c.category)!.sector;
      const unitCode = defaultResponsibilities().find((r) => r.sector === sector && r.area === c.area)!.unitCode;
      return { unitCode, verifierId };
    }
    case 'reject':
      return { reason: '反映的问题不属于安全生产举报受理范围，已告知举报人向相关部门反映。' };
    case 'submit-findings':
      return findingsFor(c, at, i);
    case 'record-payout':
      return { voucherNo: `AYJL-2026-${String(i).padStart(4, '0')}`, paidOn: shanghaiDay(at), claimantChecked: true };
    case 'close':
      return { note: '已办结。' };
    default:
      return {};
  }
}

async function demoActors(): Promise<Record<CaseWorker, Actor>> {
  const actors = {} as Record<CaseWorker, Actor>;
  for (const username of caseWorkers) {
    const s = await Staff.findOne({ username }).lean();
    if (!s) throw new Error(`demo account ${username} is missing`);
    actors[username] = {
      id: String(s._id),
      username: s.username,
      role: s.role as Role,
      unitCode: s.unitCode,
      level: await unitLevel(s.unitCode),
      areaCodes: s.areaCodes,
      allAreas: s.allAreas,
    };
  }
  return actors;
}

/** Creates the demo reports when in demo mode and no report exists yet; returns how many. */
export async function seedDemoReports(deps: SubmissionContext & { demo: boolean; now?: Date }): Promise<number> {
  if (!deps.demo || (await Report.exists({}))) return 0;
  const now = (deps.now ?? new Date()).getTime();
  const actors = await demoActors();
  const ctx = { box: deps.box, publicBaseUrl: deps.publicBaseUrl };
  // Every step of every case, run in time order so the audit log reads chronologically.
  const events = demoCases.flatMap((c, i) => {
    const submittedAt = now - c.daysAgo * DAY - ((i * 5) % 8) * HOUR;
    const steps = paths[c.stage];
    const stretch = Math.min(1, (c.daysAgo * 0.9) / Math.max(1, steps.at(-1)?.day ?? 1));
    return [
      { at: submittedAt, i, step: null as Step | null },
      ...steps.map((step) => ({ at: submittedAt + step.day * stretch * DAY + 2 * HOUR, i, step })),
    ];
  });
  events.sort((a, b) => a.at - b.at || a.i - b.i);
  const references: string[] = [];
  for (const { at, i, step } of events) {
    const c = demoCases[i];
    const when = new Date(at);
    if (!step) {
      references[i] = await submitCase(c, i, when, deps, actors.intake);
    } else if (step.action === 'claim') {
      await claimReward(
        references[i],
        {
          name: '赵建国',
          idNumber: '11010519491231002X',
          phone: '13937200000',
          bankName: '中国工商银行安阳分行',
          bankAccount: '6222020000000000000',
        },
        deps.box,
        when,
      );
    } else {
      const payload = actionPayloads[step.action].parse(payloadFor(step, c, i, when, actors.verifier.id));
      // Deterministic keys for the money steps (approve-reward, record-payout); other actions ignore them.
      await transition(references[i], step.action, payload as never, actors[step.by], {
        ...ctx,
        idempotencyKey: `demo-${step.action}-${i}`,
        now: when,
      });
    }
  }
  return demoCases.length;
}

/** A web report, or a hotline call entered by intake, at its back-dated time. */
async function submitCase(c: DemoCase, i: number, at: Date, deps: SubmissionContext, intake: Actor): Promise<string> {
  const input = reportInputSchema.parse({
    category: c.category,
    area: c.area,
    description: c.description,
    address: c.address,
    subjectName: c.subject,
    occurredAt: new Date(at.getTime() - 2 * DAY).toISOString(),
    anonymous: !!c.anonymous,
    reporter: c.anonymous
      ? undefined
      : {
          name: ['王先生', '李女士', '张师傅', '刘先生', '陈女士'][i % 5],
          phone: `1393720${String(1000 + i).slice(-4)}`,
        },
  });
  const enteredBy = c.hotline ? { channel: 'hotline-12350' as const, actor: intake } : undefined;
  const receipt = await reportSubmitter(input, [], undefined, deps, { enteredBy, now: at });
  return receipt.reference;
}
