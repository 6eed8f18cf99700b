// What every poster says, word for word from the bureau's announcement (see
// docs/product-brief.md and reward-rules.md): title, channels, rewards, the
// confidentiality promise and the slogan. zh-CN first, English beneath.
export interface Bilingual {
  zh: string;
  en: string;
}

export const posterText = {
  issuer: { zh: '安阳市应急管理局', en: 'Anyang Emergency Management Bureau' },
  title: { zh: '安全生产违法行为举报公示牌', en: 'Work-safety violation reporting' },
  site: { zh: '场所', en: 'Site' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  area: { zh: '县区', en: 'Area' },
  sector: { zh: '行业', en: 'Sector' },
  address: { zh: '地址', en: 'Address' },
  scanTitle: { zh: '扫码举报', en: 'Scan to report' },
  scanSteps: [
    { zh: '用手机扫描二维码，打开举报页面。', en: 'Scan the QR code with your phone.' },
    { zh: '选择看到的问题，说明情况，可附照片或视频。', en: 'Choose what you saw, describe it, add photos or video.' },
    {
      zh: '可实名，也可匿名。请保存举报编号和查询密钥，凭此查询进度、领取奖励。',
      en: 'Real-name or anonymous. Keep the reference and access key: they let you follow up and claim the reward.',
    },
  ] as Bilingual[],
  posterCode: { zh: '公示牌编号', en: 'Poster code' },
  channelsTitle: { zh: '举报途径', en: 'How to report' },
  channels: [
    { label: { zh: '举报电话', en: 'Hotline' }, value: { zh: '12350 / 0372-3391601', en: '12350 / 0372-3391601' } },
    { label: { zh: '网上举报', en: 'Online' }, value: { zh: '扫描本牌二维码', en: 'scan the QR code on this poster' } },
    {
      label: { zh: '信件举报', en: 'Letter' },
      value: { zh: '寄安阳市应急管理局', en: 'to the Anyang Emergency Management Bureau' },
    },
    {
      label: { zh: '来访举报', en: 'In person' },
      value: { zh: '安阳市应急管理局', en: 'at the Anyang Emergency Management Bureau' },
    },
  ] as { label: Bilingual; value: Bilingual }[],
  rewardsTitle: { zh: '举报奖励', en: 'Rewards' },
  /** Each promise reads as one sentence (condition + amount); the amount is set apart in print. */
  rewards: [
    {
      condition: { zh: '经核查属实的重大事故隐患和违法行为举报', en: 'Verified major hazards and illegal acts:' },
      amount: { zh: '最高奖励30万元', en: 'up to 300,000 yuan' },
    },
    {
      condition: { zh: '实名举报焊接作业违法违规行为', en: 'Real-name reports of illegal welding:' },
      amount: { zh: '奖励500–3000元', en: '500 – 3,000 yuan' },
    },
  ] as { condition: Bilingual; amount: Bilingual }[],
  confidentialityTitle: { zh: '严格保密', en: 'Confidential' },
  confidentiality: {
    zh: '对举报人信息、举报内容和奖励情况严格保密，未经举报人同意不得公开。',
    // A straight apostrophe: the CJK font sets the curly one full-width.
    en: "The reporter's identity, the report and the reward are kept strictly confidential and never disclosed without the reporter's consent.",
  },
  slogan: { zh: '人人都是安全员，个个都是啄木鸟', en: 'Everyone a safety officer, everyone a woodpecker' },
};
