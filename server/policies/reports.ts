import type { Actor, Rule } from '.';

const staff: Rule = () => true;

export const reportPolicy = {
  /** Every role sees the reports of its areas; the workflow decides what each may do. */
  'reports.list': staff,
  'reports.read': staff,
  'reports.act': staff,
  /** Reports that came by hotline, letter, fax or in person are entered by intake officers. */
  'reports.enter': ((a: Actor) => a.role === 'intake') as Rule,
  /** Reading a reporter's identity: reviewers and administrators, with a reason, audited. */
  'reports.revealIdentity': ((a: Actor) => a.role === 'reviewer' || a.role === 'admin') as Rule,
};
