// What one step on a report changes, as its change function returns it; the
// pipeline (pipeline.ts) applies it. Types only, so the modules that define
// changes never import the pipeline that runs them.
import type { ClientSession } from 'mongoose';
import type { DataClass } from '../../shared/protection/policy';
import type { ActionPayloads } from '../../shared/schemas/workflow';
import type { ReportState, WorkflowActionName } from '../../shared/workflow';
import type { Actor } from '../access';
import type { SecretBox } from '../platform/secretBox';
import type { MovementKind } from '../fund/ledger';
import type { ReportFields } from './report.model';
import type { NoteRef } from '../../shared/notes';

/** Who takes the step: a signed-in staff member, the reporter through follow-up, or a job. */
export type StepActor = (Actor & { kind?: 'staff' }) | { kind: 'reporter' } | { kind: 'system' };

export const staffOf = (actor: StepActor): Actor | null =>
  actor.kind === 'reporter' || actor.kind === 'system' ? null : actor;

export interface Change {
  /** Fields set beside the status. */
  set?: Record<string, unknown>;
  /** Fields removed (the retention schedule's deletions). */
  unset?: string[];
  /** Data classes whose report keys are deleted with the step, shredding every copy sealed under them. */
  shredKeys?: DataClass[];
  /** The next state when the action's table entry leaves it open (`to: null`). */
  to?: ReportState;
  /** Shown with the step; the reporter sees it when the step is public. Staff's words as written, the system's as a code. */
  note?: string | NoteRef;
  /** Kept for staff only, whatever the step. */
  internalNote?: string;
  /** A message in the conversation with the reporter. */
  message?: { from: 'staff' | 'reporter'; body: string };
  /** Entries appended to other lists of the report (result letters, objections, rectifications). */
  pushes?: Record<string, unknown>;
  /** Evidence files to add (already stored). */
  evidence?: unknown[];
  /** Further steps recorded with this one, each with its audit entry (screening resuming when the reporter answers). */
  alsoRecord?: {
    type: WorkflowActionName;
    public: boolean;
    note?: string | NoteRef;
    auditDetails?: Record<string, unknown>;
  }[];
  /** Money this step moves; `key` is set for moves that need no request key (they follow from the state). */
  movement?: { kind: MovementKind; amountFen: number; key?: string; note?: NoteRef; fundId?: string };
  /** Overrides the action's visibility: a refusal is told to the reporter, an internal review is not. */
  public?: boolean;
  /** Whether the reporter gets the content-free "there is news" mail (default: a public step a staff member took). */
  notifyReporter?: boolean;
  /** Mails to staff queued with the step (deadline reminders and escalations). */
  staffMails?: { to: string; subject: string; text: string }[];
  /** What the audit entry records beyond the states (amounts, vouchers). */
  auditDetails?: Record<string, unknown>;
  /** A check made again inside the step's transaction, where a rule spans other reports (one reward per matter). */
  recheck?: (session: ClientSession) => Promise<void>;
}

export interface ChangeContext {
  now: Date;
  box: SecretBox;
}

export type ChangeFor<K extends WorkflowActionName> = (
  report: ReportFields,
  payload: ActionPayloads[K],
  actor: StepActor,
  ctx: ChangeContext,
) => Change | Promise<Change>;
export type ChangesFor<K extends WorkflowActionName> = { [N in K]: ChangeFor<N> };
