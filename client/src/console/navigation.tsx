// Which console pages exist and which roles see them. Menu and route guards both read this.
import type { ReactNode } from 'react';
import {
  ApiOutlined,
  BarChartOutlined,
  AccountBookOutlined,
  AuditOutlined,
  AlertOutlined,
  FileSearchOutlined,
  FileProtectOutlined,
  HomeOutlined,
  PartitionOutlined,
  QrcodeOutlined,
  SafetyOutlined,
  SendOutlined,
  TagsOutlined,
  EnvironmentOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Messages } from '../i18n';
import type { Role } from './types';

export interface ConsolePage {
  path: string;
  icon: ReactNode;
  label: (t: Messages['console']) => string;
  /** Omitted: every signed-in role. */
  roles?: readonly Role[];
}

/** Staff accounts and the audit log are administration only. */
export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** Intake officers print posters for the sites they deal with; only administrators change them. */
export const POSTER_ROLES: readonly Role[] = ['admin', 'intake'];

/** Case work: every role that handles reports; finance reads them for the rewards; protection officers for reveals and protection cases. */
export const CASE_ROLES: readonly Role[] = [
  'intake',
  'verifier',
  'reviewer',
  'admin',
  'finance',
  'leader',
  'protection',
];

/** The reward fund: finance runs it; administrators and reviewers watch it. */
export const FINANCE_ROLES: readonly Role[] = ['finance', 'admin', 'reviewer'];

/** Leadership figures: everyone who runs reports or money; verifiers work their own cases. */
export const STATS_ROLES: readonly Role[] = ['admin', 'reviewer', 'finance', 'intake'];

/** Reward policies: administrators draft versions; leaders (or another administrator) publish them. */
export const POLICY_ROLES: readonly Role[] = ['admin', 'leader'];
/** The exchange with partner platforms (status webhooks and their dead letters): administrators. */
export const INTEGRATION_ROLES: readonly Role[] = ['admin'];
/** Reward integrity: the anomaly views (finance, discipline, leaders) and the exclusion register (admin, discipline). */
export const INTEGRITY_ROLES: readonly Role[] = ['finance', 'discipline', 'leader', 'admin'];

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { path: '/', icon: <HomeOutlined />, label: (t) => t.menu.home },
  { path: '/stats', icon: <BarChartOutlined />, label: (t) => t.menu.stats, roles: STATS_ROLES },
  { path: '/cases', icon: <FileSearchOutlined />, label: (t) => t.menu.cases, roles: CASE_ROLES },
  { path: '/finance', icon: <AccountBookOutlined />, label: (t) => t.menu.finance, roles: FINANCE_ROLES },
  { path: '/integrity', icon: <AlertOutlined />, label: (t) => t.menu.integrity, roles: INTEGRITY_ROLES },
  { path: '/staff', icon: <TeamOutlined />, label: (t) => t.menu.staff, roles: ADMIN_ONLY },
  { path: '/posters', icon: <QrcodeOutlined />, label: (t) => t.menu.posters, roles: POSTER_ROLES },
  { path: '/categories', icon: <TagsOutlined />, label: (t) => t.menu.categories, roles: ADMIN_ONLY },
  { path: '/jurisdiction', icon: <EnvironmentOutlined />, label: (t) => t.menu.jurisdiction, roles: ADMIN_ONLY },
  { path: '/responsibilities', icon: <PartitionOutlined />, label: (t) => t.menu.responsibilities, roles: ADMIN_ONLY },
  { path: '/policies', icon: <FileProtectOutlined />, label: (t) => t.menu.policies, roles: POLICY_ROLES },
  { path: '/webhooks', icon: <SendOutlined />, label: (t) => t.menu.webhooks, roles: INTEGRATION_ROLES },
  { path: '/partners', icon: <ApiOutlined />, label: (t) => t.menu.partners, roles: INTEGRATION_ROLES },
  { path: '/audit', icon: <AuditOutlined />, label: (t) => t.menu.audit, roles: ADMIN_ONLY },
  { path: '/security', icon: <SafetyOutlined />, label: (t) => t.menu.security },
];

export function canOpen(page: Pick<ConsolePage, 'roles'>, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}
