// Staff roles and what each is called.
// `leader`: a bureau leader (局领导) who approves what one officer may not decide alone: large or
// adjusted rewards, recoveries, flagged claims, new reward policies. `discipline`: the bureau's
// discipline officer (纪检监察), who reads the reward anomaly views and changes nothing.
// `protection`: the reporter-protection officer (举报人保护专员): the only role that sees
// protection cases, check-ins and duress signals, and the identity custodian whose
// approval any reveal of a reporter's identity needs.
export const roles = [
  'admin',
  'intake',
  'verifier',
  'reviewer',
  'finance',
  'leader',
  'discipline',
  'protection',
] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  intake: { zh: '受理员', en: 'Intake officer' },
  verifier: { zh: '核查人员', en: 'Verifier' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  finance: { zh: '财务', en: 'Finance officer' },
  leader: { zh: '局领导', en: 'Bureau leader' },
  discipline: { zh: '纪检监察', en: 'Discipline officer' },
  protection: { zh: '举报人保护专员', en: 'Protection officer' },
};
