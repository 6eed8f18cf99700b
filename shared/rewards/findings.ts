// rewardForFindings: from a verifier's findings to a quote, or the reasons there is none.
import type { z } from 'zod';
import type { Label } from '../catalog';
import { shanghaiDay } from '../dates';
import type { findingsSchema } from '../schemas/workflow';
import { RewardInputError } from './errors';
import type { PolicyRegistry } from './policies';
import { quoteReward, type RewardQuote, type RewardQuoteInput } from './quote';
import { exclusionLabels, ineligibleReasons } from './texts';

export type Findings = z.infer<typeof findingsSchema>;

export interface ReportFacts {
  submittedAt: Date;
  employeeOfSubject: boolean;
  realName: boolean;
}

export type FindingsReward = { eligible: true; quote: RewardQuote } | { eligible: false; reasons: Label[] };

/** The quote input the findings call for, or the reason no scheme fits. */
function inputFor(findings: Findings, facts: ReportFacts): Omit<RewardQuoteInput, 'reportedOn'> | Label {
  const common = {
    fineFen: findings.fineFen,
    // The report form lets only real-name reporters say they work for the subject.
    employeeOfSubject: facts.employeeOfSubject && facts.realName,
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
      };
    case undefined:
      return findings.hazardLevel === 'general' ? ineligibleReasons.generalHazard : ineligibleReasons.noKind;
  }
}

export function rewardForFindings(findings: Findings, facts: ReportFacts, registry: PolicyRegistry): FindingsReward {
  const reasons: Label[] = [];
  if (!findings.substantiated) reasons.push(ineligibleReasons.notSubstantiated);
  if (findings.alreadyKnownAndHandled) reasons.push(ineligibleReasons.alreadyKnown);
  for (const exclusion of new Set(findings.exclusions ?? [])) reasons.push(exclusionLabels[exclusion]);
  if (reasons.length) return { eligible: false, reasons };

  const input = inputFor(findings, facts);
  if ('zh' in input) return { eligible: false, reasons: [input] };
  try {
    return { eligible: true, quote: quoteReward({ ...input, reportedOn: shanghaiDay(facts.submittedAt) }, registry) };
  } catch (error) {
    if (error instanceof RewardInputError) return { eligible: false, reasons: [error.text] };
    throw error;
  }
}
