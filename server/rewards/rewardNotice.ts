// The printable reward notice (举报奖励通知书) for the reporter and the archive:
// the report reference, the decision, the amount with its explanation, the
// policy applied and how and by when to claim. It names no reporter: the
// reference and access key are what prove the reward is theirs.
import { formatYuan } from '../../shared/money';
import { shanghaiDay } from '../../shared/dates';
import { documentsText, publicLines } from '../../shared/rewards/texts';
import { stateNames, type ReportState } from '../../shared/workflow';
import { fail } from '../platform/errors';
import type { ReportFields } from '../reports/report.model';
import { A4, cjkPdf, labelledRow } from '../platform/pdf';
import { areaNames, profile } from '../jurisdiction/lookup';

const MARGIN = 56;
const WIDTH = A4.width - 2 * MARGIN;

/** Notices exist once the reporter has been told of an approved reward. */
const NOTICE_STATES = new Set(['reward-approved', 'reward-claimed', 'reward-paid', 'reward-lapsed']);

export function rewardNoticeAvailable(r: ReportFields): boolean {
  return NOTICE_STATES.has(r.status) && !!r.reward?.eligible && !!r.reward.approvedAt;
}

export async function renderRewardNotice(r: ReportFields, now = new Date()): Promise<Buffer> {
  const w = r.reward;
  if (!w || !rewardNoticeAvailable(r)) throw fail('resource.not_found');
  const [issuer, areaName] = [(await profile()).bureau.zh, await areaNames()];
  const { doc, done } = cjkPdf({
    info: { Title: `举报奖励通知书 ${r.reference}`, Author: issuer, Subject: 'Reward notice' },
    margin: MARGIN,
  });

  doc.font('bold').fontSize(22).text('举报奖励通知书', { align: 'center' });
  doc.font('regular').fontSize(11).fillColor('#5F6368').text('Reward notice', { align: 'center' }).moveDown(1.5);
  doc.fillColor('#1A1A1A');

  const row = (label: string, value: string) => labelledRow(doc, label, value);
  row('举报编号 Reference:', r.reference);
  row('所属区域 Area:', areaName(r.area).zh);
  row('举报日期 Reported on:', shanghaiDay(r.submittedAt));
  row('批准日期 Approved on:', shanghaiDay(w.approvedAt!));
  row('当前状态 Status:', `${stateNames[r.status as ReportState].zh} / ${stateNames[r.status as ReportState].en}`);
  doc.moveDown(0.5);

  doc
    .font('bold')
    .fontSize(16)
    .fillColor('#C62828')
    .text(`奖励金额：人民币 ${formatYuan(w.amountFen)} 元`, { width: WIDTH });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#5F6368')
    .text(`Reward: ${formatYuan(w.amountFen)} yuan (CNY)`)
    .moveDown(1);
  doc.fillColor('#1A1A1A');

  doc.font('bold').fontSize(12).text('计算依据 How it was calculated').moveDown(0.3);
  // The reporter's document says what applies; the assumption marks stay in staff views.
  for (const line of publicLines(w.explanation)) {
    doc.font('regular').fontSize(10.5).text(`• ${line.zh}`, { width: WIDTH });
    doc.fontSize(9).fillColor('#5F6368').text(`  ${line.en}`, { width: WIDTH }).fillColor('#1A1A1A').moveDown(0.3);
  }
  // The documents applied, as the quote cited them; never the version's internal id.
  const applied = w.documents?.length
    ? documentsText(
        w.documents.map((d) => ({ title: { zh: d.title?.zh ?? '', en: d.title?.en ?? '' }, number: d.number ?? '' })),
      )
    : undefined;
  if (applied) {
    doc.moveDown(0.3).font('bold').fontSize(10.5).text('适用办法 Rules applied', { width: WIDTH });
    doc.font('regular').fontSize(10).text(applied.zh, { width: WIDTH });
    doc.fontSize(9).fillColor('#5F6368').text(applied.en, { width: WIDTH }).fillColor('#1A1A1A');
  }
  doc.moveDown(1);

  doc.font('bold').fontSize(12).text('领取方式 How to claim').moveDown(0.3);
  doc
    .font('regular')
    .fontSize(10.5)
    .text(
      `请凭举报编号和查询密钥登录举报查询页面，填写领奖人身份信息及银行账户${w.claimDueAt ? `，并于 ${shanghaiDay(w.claimDueAt)} 前提交` : ''}。逾期未领取的，视为放弃。对奖励决定有异议的，可在决定之日起规定期限内申请复查。`,
      { width: WIDTH },
    )
    .fontSize(9)
    .fillColor('#5F6368')
    .text(
      `Sign in to the follow-up page with your reference and access key and give the claimant's identity and bank account${w.claimDueAt ? ` by ${shanghaiDay(w.claimDueAt)}` : ''}. An unclaimed reward lapses. You may ask for a review of the decision within the set period.`,
      { width: WIDTH },
    )
    .fillColor('#1A1A1A');
  doc.moveDown(1);
  doc.font('regular').fontSize(10).text('本通知书不载明举报人身份信息，举报人信息依法保密。', { width: WIDTH });
  doc
    .fontSize(9)
    .fillColor('#5F6368')
    .text('This notice does not name the reporter; the reporter’s identity is kept confidential by law.', {
      width: WIDTH,
    })
    .fillColor('#1A1A1A');

  doc
    .font('regular')
    .fontSize(11)
    .text(issuer, MARGIN, A4.height - MARGIN - 48, { width: WIDTH, align: 'right' });
  doc.text(shanghaiDay(now), { width: WIDTH, align: 'right' });
  doc.end();
  return done;
}
