// GET /api/v1/reports/:reference/reward-quote: the proposal dialog's preview (see proposalQuote.ts).
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { actionBlocker, forbiddingGuards, type GuardFailure } from '../../shared/workflow';
import { fail } from '../platform/errors';
import { defineRoute } from '../platform/http/defineRoute';
import { loadReport, workflowRecordOf } from '../reports/pipeline';
import { proposalQuote } from './proposalQuote';

export function proposalQuoteRoutes(): Router {
  const router = Router();
  defineRoute(
    router,
    contract.rewards.proposalQuote,
    { access: 'reports.previewProposal' },
    async ({ params, query, actor, req }) => {
      // Out of the caller's areas reads as unknown; then only someone who may propose now sees the preview.
      const report = await loadReport(params.reference, actor);
      const now = new Date();
      const blocker = actionBlocker('propose-reward', workflowRecordOf(report, now), actor);
      if (blocker === 'wrong-role' || forbiddingGuards.includes(blocker as GuardFailure))
        throw fail('auth.forbidden', [], { reason: blocker });
      if (blocker) throw fail('resource.stale', [], { reason: blocker });
      return proposalQuote(report, req.locale === 'en' ? 'en' : 'zh', query.amountFen, now);
    },
  );
  return router;
}
