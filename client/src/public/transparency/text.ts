// The transparency page's words, zh-CN first, and the home page's link to it.
import type { Lang } from '../../i18n';

export const homeLinkText: Record<Lang, { title: string; body: string; link: string }> = {
  'zh-CN': {
    title: '举报工作公开',
    body: '每月受理、核查属实、整改经复查完成、整改逾期和奖励发放的汇总数字。',
    link: '查看公开数据',
  },
  en: {
    title: 'Open figures',
    body: 'Monthly totals of reports received, substantiated, rectification verified complete or overdue, and rewards paid.',
    link: 'See the figures',
  },
};

const zh = {
  title: '举报工作公开数据',
  intro:
    '以下为汇总数字，不含任何举报内容或举报人信息。“整改经复查完成”只计全部整改经复查确认完成（重大事故隐患并已销号）的属实举报，仅下达整改指令的不计入；“整改逾期”为整改超过期限仍未完成的属实举报。',
  loading: '正在加载…',
  failed: '暂时无法加载数据，请稍后再试。',
  byMonth: '按月份',
  byArea: '按县（市、区）',
  total: '合计',
  month: '月份',
  area: '地区',
  received: '受理举报',
  substantiated: '核查属实',
  rectifiedVerified: '整改经复查完成',
  rectificationOverdue: '整改逾期',
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
  intro:
    'Totals only: no report content and nothing about any reporter. “Rectification verified complete” counts substantiated reports whose every rectification was confirmed done by re-inspection (and signed off, for major hazards); an order alone does not count. “Rectification overdue” counts substantiated reports with a rectification still not done after its due day.',
  loading: 'Loading…',
  failed: 'The figures could not be loaded. Please try again later.',
  byMonth: 'By month',
  byArea: 'By area',
  total: 'Total',
  month: 'Month',
  area: 'Area',
  received: 'Reports received',
  substantiated: 'Verified',
  rectifiedVerified: 'Rectification verified complete',
  rectificationOverdue: 'Rectification overdue',
  rewardsPaid: 'Rewards paid',
  rewardsPaidYuan: 'Amount (yuan)',
  withheld: 'withheld',
  withheldLegend: '“—”: withheld so that another figure cannot be worked out; it may be 5 or more.',
  period: (from, to) => `Period: ${from} to ${to}`,
  back: 'Back to the home page',
};

export const transparencyText: Record<Lang, TransparencyText> = { 'zh-CN': zh, en };
