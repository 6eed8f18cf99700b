// What every poster says, word for word from the bureau's announcement (see
// docs/product-brief.md and reward-rules.md): title, the confidentiality promise
// and the slogan. What names the place (issuer, hotlines, addresses, reward
// promises) comes from the jurisdiction profile (placeText). zh-CN first, English beneath.
import type { Profile } from '../jurisdiction/seedFormat';
export interface Bilingual {
  zh: string;
  en: string;
}

export const posterText = {
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
  rewardsTitle: { zh: '举报奖励', en: 'Rewards' },
  confidentialityTitle: { zh: '严格保密', en: 'Confidential' },
  confidentiality: {
    zh: '对举报人信息、举报内容和奖励情况严格保密，未经举报人同意不得公开。',
    // A straight apostrophe: the CJK font sets the curly one full-width.
    en: "The reporter's identity, the report and the reward are kept strictly confidential and never disclosed without the reporter's consent.",
  },
  slogan: { zh: '人人都是安全员，个个都是啄木鸟', en: 'Everyone a safety officer, everyone a woodpecker' },
};

export interface PlaceText {
  issuer: Bilingual;
  channels: { label: Bilingual; value: Bilingual }[];
  rewards: { condition: Bilingual; amount: Bilingual }[];
}

/** The poster's lines that name the place, from the jurisdiction profile. */
export function placeText(profile: Profile): PlaceText {
  const numbers = profile.hotlines.map((h) => h.number).join(' / ');
  return {
    issuer: profile.bureau,
    channels: [
      { label: { zh: '举报电话', en: 'Hotline' }, value: { zh: numbers, en: numbers } },
      {
        label: { zh: '网上举报', en: 'Online' },
        value: { zh: '扫描本牌二维码', en: 'scan the QR code on this poster' },
      },
      { label: { zh: '信件举报', en: 'Letter' }, value: profile.letterAddress },
      { label: { zh: '来访举报', en: 'In person' }, value: profile.visitAddress },
    ],
    rewards: profile.posterPromises,
  };
}
