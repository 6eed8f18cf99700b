// The partner webhook page's words (zh-CN first; webhookMessages.en.ts follows this shape).
import type { WebhookEventType } from '../../../../../shared/schemas/exchangeStatus';

export const webhooksZh = {
  title: '对接平台回传消息',
  intro:
    '案件状态变化（受理、转办、核查结论、整改、奖励决定、办结）以签名消息回传给派件平台，失败时自动按退避间隔重试。这里列出重试用尽仍未送达的消息（投递失败），以及入队超过 15 分钟仍未送达的消息。同一案件的消息按序号依次送达：前一条未送达时，后面的消息排队等待。消息只含案件状态，不含举报人信息。',
  empty: '所有回传消息均已送达。',
  partner: '对接平台',
  event: '事件',
  reference: '案件编号',
  sequence: '序号',
  status: '状态',
  attempts: '已尝试次数',
  lastError: '最近一次错误',
  nextAttempt: '下次尝试',
  queuedAt: '入队时间',
  action: '操作',
  resend: '重新发送',
  resendConfirm: '重新发送这条消息？它会立即重新进入投递队列，重试次数从零计算，并记入审计日志。',
  resent: '已重新排队发送',
  waiting: '等待前一条送达',
  refresh: '刷新',
  statuses: { failed: '投递失败', pending: '等待重试', sending: '发送中' },
  events: {
    accepted: '已受理',
    transferred: '已转办',
    rejected: '不予受理',
    withdrawn: '已撤回',
    verified: '核查结论',
    reopened: '重新办理',
    'rectification-ordered': '责令整改',
    rectified: '整改完成',
    'reward-decided': '奖励决定',
    'reward-paid': '奖励已发放',
    closed: '已办结',
    test: '测试消息（测试模式）',
  } satisfies Record<WebhookEventType, string>,
};

export type WebhooksMessages = typeof webhooksZh;
