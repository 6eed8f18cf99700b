// Anyang (安阳市, 410500), as Woodpecker was first built for it: its nine
// county-level areas, the key sectors named in the bureau's reply, the
// violation categories and the departments on the responsibility list.
import type { JurisdictionSeed } from '../seedFormat';

// Populations: the 2020 census (第七次全国人口普查), rounded to the nearest 10,000.
const counties: JurisdictionSeed['areas'] = [
  {
    code: '410502',
    name: { zh: '文峰区', en: 'Wenfeng District' },
    level: 'county',
    parentCode: '410500',
    population: 580_000,
  },
  {
    code: '410503',
    name: { zh: '北关区', en: 'Beiguan District' },
    level: 'county',
    parentCode: '410500',
    population: 340_000,
  },
  {
    code: '410505',
    name: { zh: '殷都区', en: 'Yindu District' },
    level: 'county',
    parentCode: '410500',
    population: 430_000,
  },
  {
    code: '410506',
    name: { zh: '龙安区', en: "Long'an District" },
    level: 'county',
    parentCode: '410500',
    population: 290_000,
  },
  {
    code: '410522',
    name: { zh: '安阳县', en: 'Anyang County' },
    level: 'county',
    parentCode: '410500',
    population: 720_000,
  },
  {
    code: '410523',
    name: { zh: '汤阴县', en: 'Tangyin County' },
    level: 'county',
    parentCode: '410500',
    population: 390_000,
  },
  {
    code: '410526',
    name: { zh: '滑县', en: 'Hua County' },
    level: 'county',
    parentCode: '410500',
    population: 1_110_000,
  },
  {
    code: '410527',
    name: { zh: '内黄县', en: 'Neihuang County' },
    level: 'county',
    parentCode: '410500',
    population: 640_000,
  },
  {
    code: '410581',
    name: { zh: '林州市', en: 'Linzhou City' },
    level: 'county',
    parentCode: '410500',
    population: 780_000,
  },
];

const sectors: JurisdictionSeed['sectors'] = [
  { code: 'coal-mine', name: { zh: '煤矿', en: 'Coal mines' } },
  { code: 'non-coal-mine', name: { zh: '非煤矿山', en: 'Non-coal mines' } },
  { code: 'hazardous-chemicals', name: { zh: '危险化学品', en: 'Hazardous chemicals' } },
  { code: 'road-transport', name: { zh: '道路运输', en: 'Road transport' } },
  { code: 'construction', name: { zh: '建筑施工', en: 'Construction' } },
  { code: 'fire-safety', name: { zh: '消防安全', en: 'Fire safety' } },
  { code: 'special-equipment', name: { zh: '特种设备', en: 'Special equipment' } },
  { code: 'campus', name: { zh: '校园安全', en: 'Campus safety' } },
  { code: 'labour-intensive', name: { zh: '劳动密集型企业', en: 'Labour-intensive firms' } },
  { code: 'welding', name: { zh: '焊接与动火作业', en: 'Welding and hot work' } },
  { code: 'crowded-places', name: { zh: '人员密集场所与“多合一”场所', en: 'Crowded places and multi-use premises' } },
  { code: 'industry-trade', name: { zh: '工贸行业', en: 'Industry and trade' } },
  { code: 'other', name: { zh: '其他', en: 'Other' } },
];

const categories: JurisdictionSeed['categories'] = [
  {
    code: 'major-hazard',
    sector: 'other',
    scheme: 'violation',
    name: { zh: '重大事故隐患', en: 'Major accident hazard' },
  },
  {
    code: 'illegal-operation',
    sector: 'other',
    scheme: 'violation',
    name: { zh: '非法违法生产经营建设', en: 'Illegal production, operation or construction' },
  },
  {
    code: 'concealed-accident',
    sector: 'other',
    scheme: 'concealed-accident',
    name: { zh: '瞒报、谎报生产安全事故', en: 'Concealed or falsely reported accident' },
  },
  {
    code: 'coal-mine-illegal-mining',
    sector: 'coal-mine',
    scheme: 'violation',
    name: {
      zh: '煤矿超层越界、超能力或停产整顿期间违规生产',
      en: 'Coal mine working beyond its boundary or capacity, or during a suspension',
    },
  },
  {
    code: 'non-coal-illegal-mining',
    sector: 'non-coal-mine',
    scheme: 'violation',
    name: { zh: '非煤矿山非法盗采、无证开采', en: 'Illegal or unlicensed quarrying and mining' },
  },
  {
    code: 'chemicals-illegal-storage',
    sector: 'hazardous-chemicals',
    scheme: 'violation',
    name: { zh: '危险化学品非法生产、储存、经营', en: 'Illegal production, storage or sale of hazardous chemicals' },
  },
  {
    code: 'pipeline-illegal-digging',
    sector: 'hazardous-chemicals',
    scheme: 'violation',
    name: { zh: '油气管道周边乱挖乱钻、违章占压', en: 'Digging or building over oil and gas pipelines' },
  },
  {
    code: 'transport-dangerous-goods',
    sector: 'road-transport',
    scheme: 'violation',
    name: { zh: '非法运输危险货物、超限超载', en: 'Illegal dangerous-goods transport or overloading' },
  },
  {
    code: 'construction-no-protection',
    sector: 'construction',
    scheme: 'violation',
    name: {
      zh: '高处作业无防护、脚手架或深基坑违规',
      en: 'Work at height without protection; unsafe scaffolding or excavation',
    },
  },
  {
    code: 'fire-exits-blocked',
    sector: 'fire-safety',
    scheme: 'violation',
    name: { zh: '安全出口、疏散通道堵塞或锁闭', en: 'Blocked or locked exits and escape routes' },
  },
  {
    code: 'special-equipment-uninspected',
    sector: 'special-equipment',
    scheme: 'violation',
    name: { zh: '特种设备未经检验或无证操作', en: 'Special equipment uninspected or run without a licence' },
  },
  {
    code: 'campus-hazard',
    sector: 'campus',
    scheme: 'violation',
    name: { zh: '校园及周边安全隐患', en: 'Hazard at or around a school' },
  },
  {
    code: 'labour-intensive-hazard',
    sector: 'labour-intensive',
    scheme: 'violation',
    name: { zh: '劳动密集型企业安全隐患', en: 'Hazard in a labour-intensive workplace' },
  },
  {
    code: 'welding-unlicensed',
    sector: 'welding',
    scheme: 'welding',
    name: { zh: '无特种作业操作证从事焊接作业', en: 'Welding without a special-operations licence' },
  },
  {
    code: 'welding-no-permit',
    sector: 'welding',
    scheme: 'welding',
    name: { zh: '未办理动火审批擅自动火', en: 'Hot work without a permit' },
  },
  {
    code: 'welding-no-precautions',
    sector: 'welding',
    scheme: 'welding',
    name: {
      zh: '动火作业无监护、未清理可燃物或无消防器材',
      en: 'Hot work without a fire watch, clearance of combustibles or extinguishers',
    },
  },
  {
    code: 'multi-use-premises',
    sector: 'crowded-places',
    scheme: 'violation',
    name: {
      zh: '“多合一”场所违规住人、人员密集场所隐患',
      en: 'People living in multi-use premises; hazards in crowded places',
    },
  },
  {
    code: 'industry-trade-hazard',
    sector: 'industry-trade',
    scheme: 'violation',
    name: {
      zh: '工贸企业（冶金、粉尘涉爆、有限空间等）隐患',
      en: 'Industrial hazard (metallurgy, combustible dust, confined spaces…)',
    },
  },
  {
    code: 'other',
    sector: 'other',
    scheme: 'violation',
    name: { zh: '其他安全生产违法行为', en: 'Other work-safety violation' },
  },
];

const units: JurisdictionSeed['units'] = [
  {
    code: 'city-emb',
    name: { zh: '安阳市应急管理局', en: 'Anyang Emergency Management Bureau' },
    sectors: ['hazardous-chemicals', 'non-coal-mine', 'industry-trade', 'welding', 'other'],
  },
  {
    code: 'city-enforcement',
    name: { zh: '安阳市应急管理综合行政执法支队', en: 'Anyang Emergency Management Enforcement Corps' },
    sectors: ['hazardous-chemicals', 'non-coal-mine', 'industry-trade', 'welding'],
  },
  {
    code: 'city-housing',
    name: { zh: '安阳市住房和城乡建设局', en: 'Anyang Housing and Urban-Rural Development Bureau' },
    sectors: ['construction'],
  },
  {
    code: 'city-transport',
    name: { zh: '安阳市交通运输局', en: 'Anyang Transport Bureau' },
    sectors: ['road-transport'],
  },
  {
    code: 'city-market',
    name: { zh: '安阳市市场监督管理局', en: 'Anyang Market Supervision Bureau' },
    sectors: ['special-equipment'],
  },
  {
    code: 'city-fire',
    name: { zh: '安阳市消防救援支队', en: 'Anyang Fire and Rescue Detachment' },
    sectors: ['fire-safety', 'crowded-places'],
  },
  { code: 'city-education', name: { zh: '安阳市教育局', en: 'Anyang Education Bureau' }, sectors: ['campus'] },
  {
    code: 'city-industry',
    name: { zh: '安阳市工业和信息化局', en: 'Anyang Industry and Information Technology Bureau' },
    sectors: ['labour-intensive', 'industry-trade'],
  },
  {
    code: 'city-energy',
    name: { zh: '安阳市发展和改革委员会（能源）', en: 'Anyang Development and Reform Commission (energy)' },
    sectors: ['coal-mine'],
  },
  {
    // The mine-safety channel: coal-mine reports are transferred here, outside the city scheme.
    code: 'mine-safety-henan',
    name: { zh: '国家矿山安全监察局河南局', en: 'National Mine Safety Administration, Henan Bureau' },
    sectors: ['coal-mine'],
  },
  ...counties.map((a) => ({
    code: `emb-${a.code}`,
    name: { zh: `${a.name.zh}应急管理局`, en: `${a.name.en} Emergency Management Bureau` },
    sectors: ['hazardous-chemicals', 'non-coal-mine', 'industry-trade', 'welding', 'other'],
    areaCode: a.code,
  })),
];

export const anyang: JurisdictionSeed = {
  name: 'anyang',
  profile: {
    areaCode: '410500',
    bureau: { zh: '安阳市应急管理局', en: 'Anyang Emergency Management Bureau' },
    hotlines: [
      { label: { zh: '全国安全生产举报电话', en: 'National work-safety hotline' }, number: '12350' },
      { label: { zh: '市应急管理局举报电话', en: 'City bureau hotline' }, number: '0372-3391601' },
    ],
    letterAddress: { zh: '寄安阳市应急管理局', en: 'to the Anyang Emergency Management Bureau' },
    visitAddress: { zh: '安阳市应急管理局', en: 'at the Anyang Emergency Management Bureau' },
    posterPromises: [
      {
        condition: { zh: '经核查属实的重大事故隐患和违法行为举报', en: 'Verified major hazards and illegal acts:' },
        amount: { zh: '最高奖励30万元', en: 'up to 300,000 yuan' },
      },
      {
        condition: { zh: '实名举报焊接作业违法违规行为', en: 'Real-name reports of illegal welding:' },
        amount: { zh: '奖励500–3000元', en: '500 – 3,000 yuan' },
      },
    ],
    fundName: { zh: '市级奖励基金', en: 'City reward fund' },
    footer: {
      zh: '安阳市应急管理局 · 啄木鸟安全生产举报平台',
      en: 'Anyang Emergency Management Bureau · Woodpecker work-safety reporting',
    },
  },
  areas: [
    { code: '410000', name: { zh: '河南省', en: 'Henan Province' }, level: 'province' },
    { code: '410500', name: { zh: '安阳市', en: 'Anyang City' }, level: 'city', parentCode: '410000' },
    ...counties,
  ],
  sectors,
  units,
  categories,
  // Every built-in version: the national and Henan rules, and Anyang's own (welding from 2023).
  rewardPolicies: ['national-2018', 'henan-2022', 'anyang-2022', 'anyang-welding-2023', 'henan-2023', 'henan-2025'],
};
