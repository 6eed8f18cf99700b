// Candidate duplicates of a report: same area and category within a time window,
// ranked by how much the enterprise name, address and description overlap.
// Only the earliest valid report of a matter is eligible for a reward.
import { trusted } from 'mongoose';
import { Report, type ReportFields } from './report.model';

const WINDOW_DAYS = 90;
const DAY = 86_400_000;

/** Character bigrams: robust for Chinese text without word segmentation. */
function bigrams(text: string | null | undefined): Set<string> {
  const t = (text ?? '').replace(/\s+/g, '').toLowerCase();
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface DuplicateCandidate {
  reference: string;
  status: string;
  submittedAt: string;
  score: number;
}

export async function duplicateCandidates(report: ReportFields, limit = 5): Promise<DuplicateCandidate[]> {
  const from = new Date(report.submittedAt.getTime() - WINDOW_DAYS * DAY);
  const to = new Date(report.submittedAt.getTime() + WINDOW_DAYS * DAY);
  const others = await Report.find(
    {
      area: report.area,
      category: report.category,
      submittedAt: trusted({ $gte: from, $lte: to }),
      reference: trusted({ $ne: report.reference }),
    },
    { reference: 1, status: 1, submittedAt: 1, subjectName: 1, address: 1, description: 1 },
  )
    .limit(500)
    .lean();
  const mine = {
    subject: bigrams(report.subjectName),
    address: bigrams(report.address),
    text: bigrams(report.description),
  };
  return others
    .map((o) => ({
      reference: o.reference,
      status: o.status,
      submittedAt: o.submittedAt.toISOString(),
      score:
        Math.round(
          (0.4 * similarity(mine.subject, bigrams(o.subjectName)) +
            0.3 * similarity(mine.address, bigrams(o.address)) +
            0.3 * similarity(mine.text, bigrams(o.description))) *
            100,
        ) / 100,
    }))
    .filter((c) => c.score >= 0.15)
    .sort((a, b) => b.score - a.score || a.submittedAt.localeCompare(b.submittedAt))
    .slice(0, limit);
}
