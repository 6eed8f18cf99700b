// The public reward estimator: what a verified report could earn, with the policy
// applied and each step explained in the caller's language.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { quoteReward, RewardInputError, type AccidentGrade } from '../../shared/rewards';
import { withoutAssumptionMarks } from '../../shared/rewards/texts';
import { defineRoute } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { currentPolicies } from './policyRegistry';

export function rewardQuoteRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.rewards.quote, { access: 'public' }, async ({ body, req }) => {
    const lang = req.locale === 'en' ? 'en' : 'zh';
    try {
      const quote = quoteReward(
        { ...body, accidentGrade: body.accidentGrade as AccidentGrade | undefined },
        currentPolicies(),
      );
      return {
        amountFen: quote.amountFen,
        minFen: quote.minFen,
        maxFen: quote.maxFen,
        policy: quote.policy,
        policyTitle: quote.policyTitle,
        scheme: quote.scheme,
        documents: quote.documents,
        reportedOn: body.reportedOn,
        // The public estimator says what applies; which values are still assumed is for staff.
        explanation: quote.explanation.map((line) => withoutAssumptionMarks(line[lang])),
      };
    } catch (error) {
      if (error instanceof RewardInputError)
        throw fail('request.invalid', [
          { path: `body.${error.path}`, code: 'custom', message: withoutAssumptionMarks(error.text[lang]) },
        ]);
      throw error;
    }
  });

  return router;
}
