// Demo reports, so a first look at the console, the dashboard and the
// transparency page shows real queues and figures. Every step goes through the
// real commands with a back-dated clock, so the audit chain, timelines, rollups
// and the fund ledger are exactly what months of use would have left.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unitLevel } from '../catalog/units';
import { sharp } from '../platform/lazyLibraries';
import { outsideSchemeOf } from '../../shared/catalog';
import { jurisdiction } from '../jurisdiction/lookup';
import { anyang } from '../jurisdiction/seeds/anyang';
import { shanghaiDay } from '../../shared/dates';
import { reportInputSchema } from '../../shared/schemas/report';
import { actionPayloads } from '../../shared/schemas/workflow';
import type { WorkflowActionName } from '../../shared/workflow';
import type { Role } from '../../shared/roles';
import { transition } from '../reports/pipeline';
import { recordReinspection } from '../reports/reinspection';
import { reportSubmitter, type SubmissionContext } from '../reports/intake/reportSubmitter';
import { Report } from '../reports/report.model';
import { Staff } from '../staff/staff.model';
import type { Actor } from '../access';
import { claimReward } from '../rewards/reporterSteps';
import { demoCases, type DemoCase, type DemoStage } from './demoReportData';
import { defaultResponsibilities } from './seed';
import { residentIdCheckCharacter } from '../../shared/schemas/claim';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo accounts that work cases (the administrator does not); the cashier pays
 * what finance approved; a county case is verified and reviewed by its county's staff.
 */
const caseWorkers = [
  'intake',
  'verifier',
  'reviewer',
  'finance',
  'cashier',
  'county-verifier',
  'county-reviewer',
] as const;
type CaseWorker = (typeof caseWorkers)[number];
/** The reporter's steps are taken through follow-up. */
type Step = { day: number; action: WorkflowActionName | 'claim'; by: CaseWorker | 'reporter' };
const countyWorker: Partial<Record<CaseWorker, CaseWorker>> = {
  verifier: 'county-verifier',
  reviewer: 'county-reviewer',
};

const screen: Step = { day: 1, action: 'start-screening', by: 'intake' };
const toVerifying: Step[] = [
  screen,
  { day: 2, action: 'accept', by: 'intake' },
  { day: 4, action: 'start-verification', by: 'verifier' },
];
const toFindings: Step[] = [...toVerifying, { day: 12, action: 'submit-findings', by: 'verifier' }];
const toConcluded: Step[] = [...toFindings, { day: 14, action: 'approve-findings', by: 'reviewer' }];
const toLettered: Step[] = [...toConcluded, { day: 15, action: 'send-result-letter', by: 'reviewer' }];
const toOrdered: Step[] = [...toLettered, { day: 16, action: 'order-rectification', by: 'verifier' }];
const toProposed: Step[] = [...toLettered, { day: 16, action: 'propose-reward', by: 'verifier' }];
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
  // Closed once the reporter's time to object to the letter is over.
  'closed-unsubstantiated': [...toLettered, { day: 27, action: 'close', by: 'intake' }],
  'closed-paid': [...toPaid, { day: 32, action: 'close', by: 'reviewer' }],
  objected: [...toLettered, { day: 19, action: 'objection-filed', by: 'reporter' }],
  'rectification-followup': [...toOrdered, { day: 40, action: 'record-reinspection', by: 'verifier' }],
  'rectification-verified': [...toOrdered, { day: 30, action: 'record-reinspection', by: 'verifier' }],
  'transfer-answered': [
    screen,
    { day: 2, action: 'transfer', by: 'intake' },
    { day: 20, action: 'record-transfer-result', by: 'intake' },
  ],
  'transferred-outside-scheme': [screen, { day: 2, action: 'transfer', by: 'intake' }],
  'deaths-awaiting-investigation': toLettered,
};

const substantiates = (s: DemoStage) => !['unsubstantiated', 'closed-unsubstantiated', 'objected'].includes(s);
/** The day `days` after `at`, in China. */
const dayAfter = (at: Date, days: number) => shanghaiDay(new Date(at.getTime() + days * DAY));

function findingsFor(c: DemoCase, at: Date, i: number): unknown {
  const base = { inspectedOn: shanghaiDay(at), alreadyKnownAndHandled: false };
  if (!substantiates(c.stage))
    return { ...base, substantiated: false, summary: '经现场核查，举报反映的问题未发现，相关证照和检验记录齐全。' };
  const penalty = {
    fineFen: 300_000 + (i % 5) * 100_000,
    penaltyDecisionNo: `安应急罚〔2026〕${String(100 + i).padStart(4, '0')}号`,
  };
  // A death's grade is the investigation report's to set (安全生产法 第七十三条).
  const grade = c.stage === 'deaths-awaiting-investigation' ? { gradePending: true } : { accidentGrade: 'general' };
  // The verified rectification is of a situation on the Henan list, not a major hazard: no sign-off follows it.
  const kind =
    c.category === 'concealed-accident'
      ? { violationKind: 'concealed-accident', ...grade, concealedDeaths: 1 }
      : c.category.startsWith('welding-')
        ? { violationKind: 'welding' }
        : c.stage === 'rectification-verified'
          ? { violationKind: 'listed-situation' }
          : { violationKind: 'major-hazard', hazardLevel: 'major' };
  return {
    ...base,
    substantiated: true,
    summary: '现场检查确认举报属实，已依法立案处罚并责令限期整改。',
    ...kind,
    ...penalty,
  };
}

/** The department that verifies the case: its county's bureau for a county case, else the responsibility table's. */
function unitFor(c: DemoCase): string {
  if (c.county) return `emb-${c.area}`;
  const sector = anyang.categories.find((k) => k.code === c.category)!.sector;
  return defaultResponsibilities().find((r) => r.sector === sector && r.area === c.area)!.unitCode;
}

function letterFor(c: DemoCase): unknown {
  if (!substantiates(c.stage))
    return {
      account: '核查人员到现场检查，调取了设备维护和检测记录，询问了车间负责人和当班工人。',
      handling: '未发现举报反映的问题，已提醒企业加强日常检查。',
    };
  return {
    account: '核查人员会同执法人员到现场检查，调取了相关台账和监控记录，询问了企业负责人。',
    handling: '已依法立案处罚，并下达整改指令，限期整改，到期复查。',
    penaltyPublic: true,
  };
}

function payloadFor(step: Step, c: DemoCase, i: number, at: Date, verifierId: string): unknown {
  switch (step.action) {
    case 'accept':
      return {
        unitCode: unitFor(c),
        verifierId,
        involvesDeaths: c.stage === 'deaths-awaiting-investigation',
      };
    case 'reject':
      return { reason: '反映的问题不属于安全生产举报受理范围，已告知举报人向相关部门反映。' };
    case 'submit-findings':
      return findingsFor(c, at, i);
    case 'record-payout':
      return { voucherNo: `AYJL-2026-${String(i).padStart(4, '0')}`, paidOn: shanghaiDay(at), claimantChecked: true };
    case 'close':
      return { note: '已办结。' };
    case 'send-result-letter':
      return letterFor(c);
    case 'objection-filed':
      return { reason: '核查当天企业提前停了抛光线并打扫了车间，平时粉尘一直很大，请上级部门复查。' };
    case 'order-rectification': {
      const major = c.stage === 'rectification-followup';
      return {
        orderNo: `安应急责改〔2026〕${String(200 + i).padStart(4, '0')}号`,
        enterprise: c.subject,
        unitCode: unitFor(c),
        dueOn: dayAfter(at, major ? 24 : 16),
        major,
        ...(major ? { listingBody: '安阳市安全生产委员会办公室' } : {}),
      };
    }
    case 'transfer': {
      const outside = outsideSchemeOf(c.category);
      return outside
        ? { toUnitCode: outside.channelUnitCode, note: `${outside.reason.zh}已移交${outside.channel.name.zh}。` }
        : { toUnitCode: 'city-transport', note: '危险货物道路运输由交通运输部门监管，已转交通运输局处理。' };
    }
    case 'record-transfer-result':
      return {
        receivedOn: shanghaiDay(at),
        outcome: 'substantiated',
        summary: '交通运输局回复：经查属实，已责令企业配备押运员，槽罐车停放至专用停车场，并依法处罚。',
      };
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

/** Days between the demo fund's appropriation and its oldest report: the fund exists before any case it pays. */
const FUND_LEAD_DAYS = 30;

/**
 * When the demo's fund was set up: a month before its oldest back-dated report, so every
 * reservation, approval and payout the demo makes comes after the money existed.
 */
export function demoFundOpening(now = new Date()): Date {
  const oldest = Math.max(...demoCases.map((c) => c.daysAgo));
  return new Date(now.getTime() - (oldest + FUND_LEAD_DAYS) * DAY);
}

/** Creates the demo reports when in demo mode and no report exists yet; returns how many. */
export async function seedDemoReports(deps: SubmissionContext & { demo: boolean; now?: Date }): Promise<number> {
  if (!deps.demo || (await Report.exists({}))) return 0;
  // The demo cases are set in Anyang's areas and departments: another city's demo starts with none.
  if ((await jurisdiction()).seed !== anyang.name) return 0;
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
          // The reporter claims in their own name (a real-name claim must match), each with their own ID and account.
          ...demoReporter(i),
          idNumber: demoIdNumber(i),
          bankName: '中国工商银行安阳分行',
          bankAccount: `62220200000000${String(10000 + i).slice(-5)}`,
        },
        deps.box,
        when,
      );
    } else if (step.action === 'record-reinspection') {
      await reinspect(references[i], c, when, actors[workerFor(step.by as CaseWorker, c)], deps);
    } else {
      const verifierId = actors[workerFor('verifier', c)].id;
      const payload = actionPayloads[step.action].parse(payloadFor(step, c, i, when, verifierId));
      const actor = step.by === 'reporter' ? { kind: 'reporter' as const } : actors[workerFor(step.by, c)];
      // Deterministic keys for the money steps (approve-reward, record-payout); other actions ignore them.
      await transition(references[i], step.action, payload as never, actor, {
        ...ctx,
        idempotencyKey: `demo-${step.action}-${i}`,
        now: when,
      });
    }
  }
  return demoCases.length;
}

const workerFor = (by: CaseWorker, c: DemoCase): CaseWorker => (c.county ? (countyWorker[by] ?? by) : by);

/**
 * The re-inspection of the first rectification task, through the evidence pipeline:
 * verified complete with photos of the site before and after, or a major hazard
 * only partly fixed (a follow-up with a new due day, no photos needed).
 */
async function reinspect(
  reference: string,
  c: DemoCase,
  at: Date,
  inspector: Actor,
  deps: SubmissionContext,
): Promise<void> {
  const completed = c.stage === 'rectification-verified';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'woodpecker-demo-'));
  try {
    const files = completed
      ? await Promise.all(
          [
            { name: 'before.jpg', colour: { r: 150, g: 60, b: 40 } },
            { name: 'after.jpg', colour: { r: 70, g: 140, b: 80 } },
          ].map(async ({ name, colour }) => {
            const file = path.join(dir, name);
            const info = await sharp()({ create: { width: 320, height: 240, channels: 3, background: colour } })
              .jpeg()
              .toFile(file);
            return { path: file, size: info.size };
          }),
        )
      : [];
    const part = completed
      ? {
          taskId: 'R1',
          inspectedOn: shanghaiDay(at),
          result: 'completed' as const,
          note: '复查确认：栅栏已拆除，安全出口畅通，疏散指示灯已更换，走廊杂物已清理。',
          stages: ['before' as const, 'after' as const],
        }
      : {
          taskId: 'R1',
          inspectedOn: shanghaiDay(at),
          result: 'partly' as const,
          note: '复查发现：甲醇已转移至合规仓库，油漆稀释剂仍存放在民房内，防爆设施未安装。',
          penaltyNote: '逾期仍未整改的，依法责令停产停业整顿。',
          newDueOn: dayAfter(at, 45),
          stages: [],
        };
    await recordReinspection(reference, part, files, inspector, deps, at);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The demo reporter of case `i`: a name and a phone of their own. */
const demoReporter = (i: number) => ({
  name: ['王先生', '李女士', '张师傅', '刘先生', '陈女士'][i % 5],
  phone: `1393720${String(1000 + i).slice(-4)}`,
});

/** A valid (checksummed) but made-up resident ID number for the claimant of case `i`. */
function demoIdNumber(i: number): string {
  const body = `41050219800101${String(100 + i).slice(-3)}`;
  return body + residentIdCheckCharacter(body);
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
    reporter: c.anonymous ? undefined : demoReporter(i),
  });
  const enteredBy = c.hotline ? { channel: 'hotline-12350' as const, actor: intake } : undefined;
  const receipt = await reportSubmitter(input, [], undefined, deps, { enteredBy, now: at });
  return receipt.reference;
}
