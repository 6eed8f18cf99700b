// A report's matter as staff see it: the link made at intake (or the flag, or the
// link undone), with the earlier case beside it when it is in the viewer's areas.
import type { z } from 'zod';
import type { matterCaseView, staffMatterFields } from '../../shared/schemas/matterViews';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { Report, type ReportFields } from './report.model';

type MatterView = z.infer<z.ZodObject<typeof staffMatterFields>>;

async function earlierCase(reference: string, actor: Actor): Promise<z.infer<typeof matterCaseView> | undefined> {
  const r = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!r) return undefined;
  return {
    reference: r.reference,
    status: r.status,
    channel: r.channel,
    submittedAt: r.submittedAt.toISOString(),
    area: r.area,
    category: r.category,
    ...(r.subjectName ? { subjectName: r.subjectName } : {}),
    ...(r.subjectCreditCode ? { subjectCreditCode: r.subjectCreditCode } : {}),
    ...(r.address ? { address: r.address } : {}),
    description: r.description,
  };
}

function matterOf(r: ReportFields) {
  if (r.matter?.of && r.matter.linkedAt)
    return { state: 'linked' as const, key: 'credit-code' as const, of: r.matter.of, at: r.matter.linkedAt };
  if (r.matterUnlinked?.of && r.matterUnlinked.at)
    return {
      state: 'unlinked' as const,
      key: 'credit-code' as const,
      of: r.matterUnlinked.of,
      at: r.matterUnlinked.at,
      reason: r.matterUnlinked.reason ?? undefined,
    };
  if (r.likelyMatter?.of && r.likelyMatter.flaggedAt)
    return { state: 'likely' as const, key: 'place' as const, of: r.likelyMatter.of, at: r.likelyMatter.flaggedAt };
  return undefined;
}

export async function matterForStaff(r: ReportFields, actor: Actor): Promise<MatterView> {
  const m = matterOf(r);
  // The earlier case beside this one, unless staff undid the link.
  const earlier = m && m.state !== 'unlinked' ? await earlierCase(m.of, actor) : undefined;
  return {
    ...(r.subjectCreditCode ? { subjectCreditCode: r.subjectCreditCode } : {}),
    ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}),
    ...(m
      ? {
          matter: {
            state: m.state,
            key: m.key,
            of: m.of,
            at: m.at.toISOString(),
            ...('reason' in m && m.reason ? { reason: m.reason } : {}),
            ...(earlier ? { earlier } : {}),
          },
        }
      : {}),
  };
}
