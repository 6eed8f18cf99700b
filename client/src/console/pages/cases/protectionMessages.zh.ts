// Texts of reporter protection on a case: the assessment, the protected banner, the evidence
// warning and the decision after a withdrawal, Simplified Chinese (the reference shape).
export const protectionZh = {
  assessTitle: '保护风险评估',
  assessRequired: '举报人称是被举报单位的员工，受理前须填写保护风险评估。',
  assess: '填写保护风险评估',
  insider: '举报人是被举报单位的员工',
  smallWorkplace: '知情人很少（小作坊、小班组），容易被推断出举报人',
  identifyingDetails: '举报内容或证据含有可能暴露举报人的细节',
  protect: '无论评估结果，均按受保护案件办理',
  note: '评估说明（仅工作人员可见）',
  coverNote: '给核查人员的掩护说明（留空则使用默认说明）',
  riskNames: { low: '低', medium: '中', high: '高' } as Record<string, string>,
  protectedTitle: '受保护案件：请注意保护举报人',
  risk: (r: string) => `保护风险：${r}`,
  withdrawnPending: '举报人已撤回。请审核人员决定是否依职权继续核查；在此之前案件照常办理。',
  withdrawnContinue: '举报人已撤回，已决定依职权继续核查。举报人不再参与，也不获得奖励。',
  evidenceProtectedTitle: '受保护案件的证据',
  evidenceProtected:
    '这是受保护案件，证据可能暴露举报人的身份。仅在确有工作需要时查看，切勿向被举报单位或无关人员出示。查看将被记录。',
  evidenceShow: '我确认需要查看证据',
  evidenceConfirmTitle: '确认查看受保护案件的证据？',
  evidenceConfirmOk: '确认查看',
  continuationOutcome: '决定',
  continuationOutcomes: { continue: '依职权继续核查', end: '不再继续，终止办理' } as Record<string, string>,
  continuationReason: '理由',
};

export type ProtectionMessages = typeof protectionZh;
