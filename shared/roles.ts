// Staff roles and what each is called.
export const roles = ['admin', 'intake', 'verifier', 'reviewer', 'finance'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  intake: { zh: '受理员', en: 'Intake officer' },
  verifier: { zh: '核查人员', en: 'Verifier' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  finance: { zh: '财务', en: 'Finance officer' },
};
