// Every cached read of the console under one name, so that a change knows exactly what to refetch.
// Keys nest: invalidating ['reports'] refetches every report list and every open report.
import type { AuditListParams, LedgerParams, PosterListParams, ReportListParams, StatsFilter } from './queryParams';

export const queryKeys = {
  /** Units, areas, sectors and categories: one entry shared by every page that shows their names. */
  reference: ['reference'] as const,
  /** Whether reporters may be sent notices by SMS here (a gateway is configured). */
  noticeChannels: ['notice-channels'] as const,
  reports: {
    all: ['reports'] as const,
    lists: ['reports', 'list'] as const,
    list: (params: ReportListParams) => ['reports', 'list', params] as const,
    detail: (reference: string) => ['reports', 'detail', reference] as const,
    duplicates: (reference: string) => ['reports', 'duplicates', reference] as const,
    verifiers: (reference: string) => ['reports', 'verifiers', reference] as const,
    /** A real-name reporter's reports, by keyed pseudonym. */
    reporter: (pseudonym: string) => ['reports', 'reporter', pseudonym] as const,
    /** The home page's to-do counts: under reports, so every change to a report refetches them. */
    todo: ['reports', 'todo'] as const,
    /** The reward proposal's preview for a typed amount (undefined: none typed). */
    rewardQuote: (reference: string, amountFen: number | undefined) =>
      ['reports', 'reward-quote', reference, amountFen ?? null] as const,
  },
  staff: ['staff'] as const,
  categories: ['categories'] as const,
  responsibilities: ['responsibilities'] as const,
  /** Status webhooks to partners that did not go. */
  webhooks: ['webhooks'] as const,
  /** Reward-policy versions, published and drafts. */
  rewardPolicies: ['reward-policies'] as const,
  posters: {
    all: ['posters'] as const,
    list: (params: PosterListParams) => ['posters', 'list', params] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (params: AuditListParams) => ['audit', 'list', params] as const,
  },
  fund: {
    /** Balances, months, ledger and reward queues: all move together when money moves. */
    all: ['fund'] as const,
    overview: ['fund', 'overview'] as const,
    monthly: (from: string, to: string) => ['fund', 'monthly', { from, to }] as const,
    ledger: (params: LedgerParams) => ['fund', 'ledger', params] as const,
    rewards: ['fund', 'rewards'] as const,
  },
  stats: {
    all: ['stats'] as const,
    overview: (filter: StatsFilter) => ['stats', 'overview', filter] as const,
    ranking: (month: string) => ['stats', 'ranking', month] as const,
    posters: (from: string, to: string) => ['stats', 'posters', { from, to }] as const,
  },
};
