// The printable result letter (核查结果告知书) for the reporter and the archive,
// as it was sent: the four elements of 应急〔2023〕106号 — the conclusion, a brief
// account of the verification, the handling decision (with the penalty decision
// number and fine where they are public) and whether the reward conditions are
// met — and, for a conclusion that can be objected to, the right to object and
// its deadline. Like the reward notice it names no reporter.
import { shanghaiDay } from '../../shared/dates';
import { formatYuan } from '../../shared/money';
import { A4, cjkPdf, labelledRow } from '../platform/pdf';
import { fail } from '../platform/errors';
import { areaNames, profile } from '../jurisdiction/lookup';
import type { ReportFields } from './report.model';

const MARGIN = 56;
const WIDTH = A4.width - 2 * MARGIN;
const GREY = '#5F6368';
const INK = '#1A1A1A';

type Letter = NonNullable<ReportFields['resultLetters']>[number];

/** The n-th letter sent for this report (1-based), or 404. */
export function resultLetterOf(r: Pick<ReportFields, 'resultLetters'>, n: number): Letter {
  const letter = Number.isInteger(n) && n >= 1 ? r.resultLetters?.[n - 1] : undefined;
  if (!letter) throw fail('resource.not_found');
  return letter;
}

export const resultLetterFilename = (reference: string, n: number): string => `result-letter-${reference}-${n}.pdf`;

/** "zh / en" as stored on the letter, split for the two lines of the page. */
const bilingual = (text: string): { zh: string; en?: string } => {
  const at = text.indexOf(' / ');
  return at < 0 ? { zh: text } : { zh: text.slice(0, at), en: text.slice(at + 3) };
};

export async function renderResultLetter(r: ReportFields, n: number): Promise<Buffer> {
  const letter = resultLetterOf(r, n);
  const [issuer, areaName] = [(await profile()).bureau, await areaNames()];
  const { doc, done } = cjkPdf({
    info: { Title: `核查结果告知书 ${letter.letterNo}`, Author: issuer.zh, Subject: 'Result letter' },
    margin: MARGIN,
  });

  doc.font('bold').fontSize(22).text('核查结果告知书', { align: 'center' });
  doc.font('regular').fontSize(11).fillColor(GREY).text('Result of the verification', { align: 'center' });
  doc.fontSize(10).text(`编号 No. ${letter.letterNo}`, { align: 'center' }).moveDown(1.2);
  doc.fillColor(INK);

  const row = (label: string, value: string) => labelledRow(doc, label, value);
  row('举报编号 Reference:', r.reference);
  row('所属区域 Area:', areaName(r.area).zh);
  row('举报日期 Reported on:', shanghaiDay(r.submittedAt));
  row('告知日期 Sent on:', shanghaiDay(letter.sentAt));
  doc.moveDown(0.6);

  const section = (title: string, zh: string, en?: string) => {
    doc.font('bold').fontSize(12).fillColor(INK).text(title).moveDown(0.2);
    doc.font('regular').fontSize(10.5).text(zh, { width: WIDTH });
    if (en) doc.fontSize(9).fillColor(GREY).text(en, { width: WIDTH }).fillColor(INK);
    doc.moveDown(0.7);
  };
  const conclusion = bilingual(letter.conclusion);
  section('一、核查结论 Conclusion', conclusion.zh, conclusion.en);
  section('二、核查情况 How it was verified', letter.account);
  const penalty = letter.penaltyDecisionNo
    ? `行政处罚决定书文号：${letter.penaltyDecisionNo}${letter.fineFen ? `；罚款人民币 ${formatYuan(letter.fineFen)} 元` : ''}。`
    : '';
  const penaltyEn = letter.penaltyDecisionNo
    ? `Penalty decision ${letter.penaltyDecisionNo}${letter.fineFen ? `; fine ${formatYuan(letter.fineFen)} yuan (CNY)` : ''}.`
    : undefined;
  section('三、处理决定 Handling decision', [letter.handling, penalty].filter(Boolean).join('\n'), penaltyEn);
  // The note gives the reasons (and says the verdict itself when it was written with one).
  const verdict = letter.rewardConditionsMet ? '符合奖励条件' : '不符合奖励条件';
  const reasons = (letter.rewardNote ?? '').split('；').filter(Boolean).map(bilingual);
  const said = reasons.map((x) => x.zh).join('；');
  section(
    '四、奖励条件 Reward conditions',
    !said ? `${verdict}。` : said.startsWith(verdict) ? said : `${verdict}：${said}`,
    reasons
      .map((x) => x.en)
      .filter(Boolean)
      .join('; ') || (letter.rewardConditionsMet ? 'Reward conditions are met.' : 'Reward conditions are not met.'),
  );

  if (letter.objectionDueAt) {
    // The period runs to the end of its last day in China.
    const lastDay = shanghaiDay(new Date(letter.objectionDueAt.getTime() - 1));
    section(
      '异议权利 Your right to object',
      `对本核查结论有异议的，可于 ${lastDay} 24 时前登录举报查询页面提出异议并说明理由，由上一级应急管理部门复查并告知复查结果。`,
      `If you disagree with this conclusion, you may object with your reasons on the follow-up page until the end of ${lastDay} (China time); the level above reviews it and tells you the outcome.`,
    );
  }

  doc.font('regular').fontSize(10).text('本告知书不载明举报人身份信息，举报人信息依法保密。', { width: WIDTH });
  doc
    .fontSize(9)
    .fillColor(GREY)
    .text('This letter does not name the reporter; the reporter’s identity is kept confidential by law.', {
      width: WIDTH,
    })
    .fillColor(INK);

  // The signature block at the foot of the last page, or on a page of its own when the text reached it.
  if (doc.y > A4.height - MARGIN - 60) doc.addPage();
  doc
    .font('regular')
    .fontSize(11)
    .text(issuer.zh, MARGIN, A4.height - MARGIN - 48, { width: WIDTH, align: 'right' });
  doc.text(shanghaiDay(letter.sentAt), { width: WIDTH, align: 'right' });
  doc.end();
  return done;
}
