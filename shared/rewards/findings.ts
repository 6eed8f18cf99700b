// rewardForFindings: from a verifier's findings to a quote, or the reasons there is none.
import type { z } from 'zod';
import { outsideSchemeOf, type Label } from '../catalog';
import { shanghaiDay } from '../dates';
import type { findingsSchema } from '../schemas/workflow';
import { RewardInputError } from './errors';
import { policyInForce, type PolicyRegistry } from './policies';
import { quoteReward, type PolicyDay, type RewardQuote, type RewardQuoteInput } from './quote';
import { exclusionLabels, ineligibleReasons } from './texts';

export type Findings = z.infer<typeof findingsSchema>;

/** What the calculator needs besides the findings; employment is the verifier's finding, not the reporter's word. */
export interface ReportFacts {
  /** When the report was received: the day a letter arrived for staff-entered reports, else its submission. */
  receivedAt: Date;
  /** When it was accepted for verification (absent before). */
  acceptedAt?: Date;
  /** When the reward is decided: the proposal's moment. */
  decidedAt: Date;
  realName: boolean;
  /** The report's category: some (coal mines) are outside the city scheme. */
  category?: string;
}

export type FindingsReward = { eligible: true; quote: RewardQuote } | { eligible: false; reasons: Label[] };

/**
 * The day that selects the version, and which day it is. The version in force on the day received
 * says which day counts (`decisions.policyDay`); a day not reached yet falls back to the day received.
 */
export function policyDayOf(facts: ReportFacts, registry: PolicyRegistry): { day: string; kind: PolicyDay } {
  const received = shanghaiDay(facts.receivedAt);
  const kind = policyInForce(received, registry).decisions.policyDay;
  const at = kind === 'accepted' ? facts.acceptedAt : kind === 'decided' ? facts.decidedAt : facts.receivedAt;
  return at ? { day: shanghaiDay(at), kind } : { day: received, kind: 'received' };
}

/** The quote input the findings call for, or the reason no scheme fits. */
function inputFor(findings: Findings, facts: ReportFacts): Omit<RewardQuoteInput, 'reportedOn'> | Label {
  const common = {
    fineFen: findings.fineFen,
    // The verifier's recorded fact, with its proof; only a named reporter can be shown to work there.
    employeeOfSubject: findings.employeeOfSubject === true && facts.realName,
    realName: facts.realName,
  };
  switch (findings.violationKind) {
    case 'major-hazard':
      return findings.hazardLevel === 'general'
        ? ineligibleReasons.generalHazard
        : { ...common, scheme: 'violation', violationKind: 'major-hazard' };
    case 'illegal-operation':
    case 'listed-situation':
      return { ...common, scheme: 'violation', violationKind: findings.violationKind };
    case 'welding':
      // Welding that is also a major hazard is quoted under both schemes; the higher is paid.
      return {
        ...common,
        scheme: 'welding',
        violationKind: findings.hazardLevel === 'major' ? 'major-hazard' : undefined,
      };
    case 'concealed-accident':
      return {
        employeeOfSubject: common.employeeOfSubject,
        realName: facts.realName,
        scheme: 'concealed-accident',
        accidentGrade: findings.accidentGrade,
        concealedDeaths: findings.concealedDeaths,
        totalDeaths: findings.totalDeaths,
        seriousInjuries: findings.seriousInjuries,
        directLossFen: findings.directLossFen,
      };
    case undefined:
      return findings.hazardLevel === 'general' ? ineligibleReasons.generalHazard : ineligibleReasons.noKind;
  }
}

export function rewardForFindings(findings: Findings, facts: ReportFacts, registry: PolicyRegistry): FindingsReward {
  const reasons: Label[] = [];
  const outside = outsideSchemeOf(facts.category);
  if (outside) reasons.push(outside.reason);
  if (!findings.substantiated) reasons.push(ineligibleReasons.notSubstantiated);
  if (findings.alreadyKnownAndHandled) reasons.push(ineligibleReasons.alreadyKnown);
  for (const exclusion of new Set(findings.exclusions ?? [])) reasons.push(exclusionLabels[exclusion]);
  if (reasons.length) return { eligible: false, reasons };

  const input = inputFor(findings, facts);
  if ('zh' in input) return { eligible: false, reasons: [input] };
  try {
    const { day, kind } = policyDayOf(facts, registry);
    return { eligible: true, quote: quoteReward({ ...input, reportedOn: day, dayKind: kind }, registry) };
  } catch (error) {
    if (error instanceof RewardInputError) return { eligible: false, reasons: [error.text] };
    throw error;
  }
}
