// The transparency page's words, zh-CN first, and the home page's link to it.
import type { Lang } from '../../i18n';

export const homeLinkText: Record<Lang, { title: string; body: string; link: string }> = {
  'zh-CN': { title: '举报工作公开', body: '每月受理、核查属实、隐患整改和奖励发放的汇总数字。', link: '查看公开数据' },
  en: {
    title: 'Open figures',
    body: 'Monthly totals of reports received, verified, hazards corrected and rewards paid.',
    link: 'See the figures',
  },
};

const zh = {
  title: '举报工作公开数据',
  intro: '以下为汇总数字，不含任何举报内容或举报人信息。',
  loading: '正在加载…',
  failed: '暂时无法加载数据，请稍后再试。',
  byMonth: '按月份',
  byArea: '按县（市、区）',
  total: '合计',
  month: '月份',
  area: '地区',
  received: '受理举报',
  substantiated: '核查属实',
  rectified: '隐患整改',
  rewardsPaid: '奖励发放（笔）',
  rewardsPaidYuan: '奖励金额（元）',
  withheld: '不公布',
  withheldLegend: '“—”：为防止推算其他数字而不公布，其值不一定小于 5。',
  period: (from: string, to: string) => `统计期间：${from} 至 ${to}`,
  back: '返回首页',
};

export type TransparencyText = typeof zh;

const en: TransparencyText = {
  title: 'Reporting in figures',
  intro: 'Totals only: no report content and nothing about any reporter.',
  loading: 'Loading…',
  failed: 'The figures could not be loaded. Please try again later.',
  byMonth: 'By month',
  byArea: 'By area',
  total: 'Total',
  month: 'Month',
  area: 'Area',
  received: 'Reports received',
  substantiated: 'Verified',
  rectified: 'Hazards corrected',
  rewardsPaid: 'Rewards paid',
  rewardsPaidYuan: 'Amount (yuan)',
  withheld: 'withheld',
  withheldLegend: '“—”: withheld so that another figure cannot be worked out; it may be 5 or more.',
  period: (from, to) => `Period: ${from} to ${to}`,
  back: 'Back to the home page',
};

export const transparencyText: Record<Lang, TransparencyText> = { 'zh-CN': zh, en };
