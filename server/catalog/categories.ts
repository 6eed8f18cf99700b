// Administrators add, rename, reorder and retire report categories. A retired
// category leaves the form but stays on the reports that used it.
import type { z } from 'zod';
import type { createCategoryBody, updateCategoryBody } from '../../shared/schemas/category';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Category } from './category.model';
import { assertKnownSector } from '../jurisdiction/validate';
import type { Actor } from '../access';

/** Every category, retired ones included, in the form's order. */
export async function allCategories() {
  return Category.find().sort({ order: 1, code: 1 }).lean();
}

/** The categories the report form offers, in its order. */
export async function activeCategories() {
  return Category.find({ active: true }).sort({ order: 1, code: 1 }).lean();
}

export async function categoryCreator(actor: Actor, input: z.infer<typeof createCategoryBody>) {
  await assertKnownSector(input.sector, 'body.sector');
  if (await Category.exists({ code: input.code }))
    throw fail('resource.conflict', [{ path: 'body.code', code: 'duplicate', message: 'code already exists' }]);
  return inTransaction(async (session) => {
    const [created] = await Category.create([{ ...input, active: true }], { session });
    await appendAudit({ actor, action: 'category.create', target: { type: 'category', id: input.code } }, session);
    return created;
  });
}

export async function categoryUpdater(actor: Actor, code: string, changes: z.infer<typeof updateCategoryBody>) {
  await assertKnownSector(changes.sector, 'body.sector');
  return inTransaction(async (session) => {
    const updated = await Category.findOneAndUpdate(
      { code },
      { $set: changes },
      { returnDocument: 'after', runValidators: true, session },
    );
    if (!updated) throw fail('resource.not_found');
    await appendAudit(
      {
        actor,
        action: 'category.update',
        target: { type: 'category', id: code },
        details: { fields: Object.keys(changes), active: changes.active },
      },
      session,
    );
    return updated;
  });
}
