// Texts for one matter across channels (the credit code, the link made at intake), Simplified Chinese.
export const matterZh = {
  creditCode: '统一社会信用代码',
  creditCodeHint: '营业执照上的 18 位代码；来电人或来信中提供时填写。',
  creditCodeInvalid: '统一社会信用代码应为 18 位且校验位正确（不含字母 I、O、Z、S、V）。',
  linkedTitle: '同一事项：已关联到更早的案件',
  linkedHint:
    '本举报与下列更早的案件统一社会信用代码相同、奖励类别相同，且在 90 天内，系统已在受理时关联。请对照两件案件：确属同一事项请“标记为重复举报”（默认为该案件）；不是同一事项请“解除同一事项关联”。同一事项只奖励一次。',
  likelyTitle: '可能是同一事项（地点和类别相同）',
  likelyHint:
    '本举报与下列更早的举报地点相同、类别相同，且在 90 天内。系统没有自动合并：确属同一事项请“标记为重复举报”并填写该编号。',
  unlinkedTitle: '已解除同一事项关联',
  unlinkedHint: (reason: string) => `曾关联到下列案件，已解除。理由：${reason}`,
  thisCase: '本案',
  earlierCase: '更早的案件',
  outsideAreas: '该案件不在您负责的县区，仅显示编号。',
  duplicateOf: '认定重复的案件',
};
export type MatterMessages = typeof matterZh;
