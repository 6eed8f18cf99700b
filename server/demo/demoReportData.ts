// The demo reports: realistic matters from Anyang's nine areas, each with the
// stage the demo leaves it at and how many days ago it came in. The stages are
// reached through the real workflow commands (see demoReports.ts).
export type DemoStage =
  | 'submitted'
  | 'screening'
  | 'rejected'
  | 'assigned'
  | 'verifying'
  | 'findings-submitted'
  | 'substantiated'
  | 'unsubstantiated'
  | 'reward-proposed'
  | 'reward-reviewed'
  | 'reward-approved'
  | 'reward-claimed'
  | 'reward-paid'
  | 'closed-unsubstantiated'
  | 'closed-paid'
  // What follows a conclusion: the reporter's objection, rectification, a transfer's result, a death case.
  | 'objected'
  | 'rectification-followup'
  | 'rectification-verified'
  | 'transfer-answered'
  // Outside the city scheme (coal mines): transferred to its own channel, not verified here.
  | 'transferred-outside-scheme'
  | 'deaths-awaiting-investigation';

export interface DemoCase {
  category: string;
  area: string;
  subject: string;
  address: string;
  description: string;
  stage: DemoStage;
  daysAgo: number;
  /** Taken on the 12350 hotline and entered by intake; otherwise sent through the web form. */
  hotline?: boolean;
  /** Anonymous reports carry no reporter; rewarded ones are real-name so the claim has someone to pay. */
  anonymous?: boolean;
  /** Verified by the county bureau of its area and its staff (county level), not the city's. */
  county?: boolean;
}

export const demoCases: DemoCase[] = [
  // New, not yet screened (the intake queue).
  {
    category: 'fire-exits-blocked',
    area: '410503',
    subject: '北关区某购物广场',
    address: '北关区红旗路',
    description: '商场二楼东侧安全出口被货架和纸箱堵死，疏散通道上的防火门用铁链锁住，周末人流很大。',
    stage: 'submitted',
    daysAgo: 1,
  },
  {
    category: 'welding-unlicensed',
    area: '410502',
    subject: '文峰区某钢结构加工点',
    address: '文峰区中华路南段',
    description: '路边钢结构加工点有两名工人电焊作业，问过说没有焊工证，旁边堆着油漆桶，没有灭火器。',
    stage: 'submitted',
    daysAgo: 1,
    anonymous: true,
  },
  {
    category: 'transport-dangerous-goods',
    area: '410523',
    subject: '豫E牌照重型货车',
    address: '汤阴县京港澳高速汤阴出口附近',
    description: '每天夜里有多辆重型货车拉石料严重超载，车厢加高，轮胎压瘪，经过村里的桥梁。',
    stage: 'submitted',
    daysAgo: 2,
    hotline: true,
  },
  {
    category: 'multi-use-premises',
    area: '410526',
    subject: '滑县某服装加工作坊',
    address: '滑县道口镇',
    description: '一楼服装加工、二楼仓库、三楼住着十几个工人，楼梯是唯一出口，电线私拉乱接。',
    stage: 'submitted',
    daysAgo: 3,
  },
  {
    category: 'campus-hazard',
    area: '410581',
    subject: '林州市某小学周边',
    address: '林州市振林路',
    description: '学校门口对面的小卖部在店里存放几十瓶液化气罐，放学时学生就在门口排队。',
    stage: 'submitted',
    daysAgo: 4,
    anonymous: true,
  },
  // Being screened.
  {
    category: 'chemicals-illegal-storage',
    area: '410505',
    subject: '殷都区某化工经营部',
    address: '殷都区水冶镇',
    description: '经营部在居民楼一层仓库存放大量甲醇和油漆稀释剂，没有危化品经营许可证，夜里也有人在里面抽烟。',
    stage: 'screening',
    daysAgo: 5,
  },
  {
    category: 'special-equipment-uninspected',
    area: '410502',
    subject: '文峰区某商住楼',
    address: '文峰区文明大道',
    description: '小区电梯检验合格证过期一年多，经常停在两层之间，物业说没钱年检。',
    stage: 'screening',
    daysAgo: 6,
    hotline: true,
  },
  {
    category: 'pipeline-illegal-digging',
    area: '410522',
    subject: '安阳县某建材厂',
    address: '安阳县白璧镇',
    description: '建材厂在天然气管道标志桩旁边用挖掘机挖沟，还在管道上方搭建彩钢板房。',
    stage: 'screening',
    daysAgo: 6,
  },
  // Rejected at screening.
  {
    category: 'other',
    area: '410503',
    subject: '北关区某小区',
    address: '北关区解放路',
    description: '楼上邻居装修噪音太大，晚上十点还在打电钻，影响休息。',
    stage: 'rejected',
    daysAgo: 40,
    hotline: true,
  },
  {
    category: 'other',
    area: '410527',
    subject: '内黄县某农贸市场',
    address: '内黄县城关镇',
    description: '市场里有商贩缺斤短两，卖的蔬菜价格比别处高很多。',
    stage: 'rejected',
    daysAgo: 75,
    anonymous: true,
  },
  {
    category: 'labour-intensive-hazard',
    area: '410506',
    subject: '龙安区某公司',
    address: '龙安区龙泉镇',
    description: '公司拖欠工资三个月，希望安监部门帮忙讨薪，我们是安全员。',
    stage: 'rejected',
    daysAgo: 110,
  },
  // Assigned to a verifier.
  {
    category: 'construction-no-protection',
    area: '410502',
    subject: '文峰区某住宅项目工地',
    address: '文峰区光明路东段',
    description: '工地十几层楼外架没有挂安全网，临边洞口没有护栏，工人高处作业不系安全带。',
    stage: 'assigned',
    daysAgo: 10,
  },
  {
    category: 'industry-trade-hazard',
    area: '410505',
    subject: '殷都区某铸造厂',
    address: '殷都区铜冶镇',
    description: '铸造厂抛丸车间粉尘很大，除尘器坏了几个月没修，车间里电气线路裸露。',
    stage: 'assigned',
    daysAgo: 12,
    hotline: true,
  },
  {
    category: 'welding-no-permit',
    area: '410527',
    subject: '内黄县某食品厂',
    address: '内黄县产业集聚区',
    description: '食品厂冷库改造在保温层旁边动火切割，没有办动火审批，也没有人监护。',
    stage: 'assigned',
    daysAgo: 14,
  },
  {
    category: 'fire-exits-blocked',
    area: '410581',
    subject: '林州市某KTV',
    address: '林州市人民路',
    description: 'KTV后门安全出口被锁死，走廊里堆着酒箱，应急照明灯大多不亮。',
    stage: 'assigned',
    daysAgo: 16,
    anonymous: true,
  },
  // Being verified.
  {
    category: 'non-coal-illegal-mining',
    area: '410581',
    subject: '林州市某山场',
    address: '林州市姚村镇',
    description: '山上有人夜里无证开采石料，用炸药爆破，矿坑边坡很陡已经出现裂缝。',
    stage: 'verifying',
    daysAgo: 18,
    hotline: true,
  },
  {
    category: 'transport-dangerous-goods',
    area: '410522',
    subject: '某物流公司油罐车',
    address: '安阳县韩陵镇',
    description: '物流公司的油罐车没有危险货物运输资质，驾驶员也没有押运员证，在村里停放过夜。',
    stage: 'verifying',
    daysAgo: 20,
  },
  {
    category: 'construction-no-protection',
    area: '410526',
    subject: '滑县某安置房项目',
    address: '滑县新区',
    description: '基坑深五六米没有支护，土方堆在坑边，雨后坑壁已经塌了一块，旁边就是工人宿舍。',
    stage: 'verifying',
    daysAgo: 22,
  },
  {
    category: 'welding-no-precautions',
    area: '410503',
    subject: '北关区某汽修厂',
    address: '北关区曙光路',
    description: '汽修厂在喷漆房旁边电焊，地上都是油污和废机油，没有灭火器，火星溅到纸箱上。',
    stage: 'verifying',
    daysAgo: 25,
  },
  // Findings awaiting the reviewer.
  {
    category: 'major-hazard',
    area: '410523',
    subject: '汤阴县某面粉厂',
    address: '汤阴县宜沟镇',
    description: '面粉厂筒仓粉尘堆积很厚，电器不是防爆的，车间里还有人用明火取暖。',
    stage: 'findings-submitted',
    daysAgo: 30,
  },
  {
    category: 'chemicals-illegal-storage',
    area: '410506',
    subject: '龙安区某农资店',
    address: '龙安区马家乡',
    description: '农资店把农药和硝酸铵化肥混放在后院，旁边就是住人的平房，没有任何防护。',
    stage: 'findings-submitted',
    daysAgo: 33,
    hotline: true,
  },
  {
    category: 'multi-use-premises',
    area: '410505',
    subject: '殷都区某电动车维修店',
    address: '殷都区梅园庄',
    description: '电动车维修店晚上在店里给几十块电池充电，店主一家就住在店铺阁楼上。',
    stage: 'findings-submitted',
    daysAgo: 35,
  },
  // A coal mine is outside the city scheme: transferred to the mine-safety channel.
  {
    category: 'coal-mine-illegal-mining',
    area: '410506',
    subject: '龙安区某煤矿',
    address: '龙安区善应镇',
    description: '煤矿停产整顿期间晚上偷偷下井出煤，井口有车拉煤出去，瓦斯监控是关着的。',
    stage: 'transferred-outside-scheme',
    daysAgo: 45,
  },
  // Substantiated, reward not yet proposed.
  {
    category: 'construction-no-protection',
    area: '410503',
    subject: '北关区某商业综合体工地',
    address: '北关区安阳桥',
    description: '塔吊司机没有证，塔吊限位装置被拆掉，吊装时下方没有警戒区。',
    stage: 'substantiated',
    daysAgo: 50,
    hotline: true,
  },
  {
    category: 'fire-exits-blocked',
    area: '410527',
    subject: '内黄县某超市',
    address: '内黄县繁阳大道',
    description: '超市消防通道被改成仓库，喷淋系统阀门关闭，消防栓被货物挡住。',
    stage: 'substantiated',
    daysAgo: 55,
  },
  {
    category: 'industry-trade-hazard',
    area: '410522',
    subject: '安阳县某食品厂',
    address: '安阳县吕村镇',
    description: '工人进入污水池清淤没有检测气体，也没有通风和监护，上个月有人晕倒过。',
    stage: 'substantiated',
    daysAgo: 58,
  },
  // Not substantiated.
  {
    category: 'welding-unlicensed',
    area: '410526',
    subject: '滑县某钢材市场',
    address: '滑县城关镇',
    description: '钢材市场里有人无证焊接，经常看到火花，担心引起火灾。',
    stage: 'unsubstantiated',
    daysAgo: 40,
    anonymous: true,
  },
  {
    category: 'special-equipment-uninspected',
    area: '410581',
    subject: '林州市某酒店',
    address: '林州市红旗渠大道',
    description: '酒店锅炉房的锅炉好像没有年检，司炉工也可能无证。',
    stage: 'unsubstantiated',
    daysAgo: 48,
    hotline: true,
  },
  // Rewards in progress.
  {
    category: 'chemicals-illegal-storage',
    area: '410502',
    subject: '文峰区某化工贸易公司',
    address: '文峰区宝莲寺镇',
    description: '公司在租来的民房里非法储存液氨钢瓶和成桶的硫酸，没有任何许可，附近是村小学。',
    stage: 'reward-proposed',
    daysAgo: 60,
  },
  {
    category: 'major-hazard',
    area: '410505',
    subject: '殷都区某钢铁公司',
    address: '殷都区西部工业区',
    description: '炼钢车间的吊运钢水的起重机制动器有故障，一直带病作业，车间工人都很担心。',
    stage: 'reward-proposed',
    daysAgo: 65,
  },
  {
    category: 'concealed-accident',
    area: '410523',
    subject: '汤阴县某建筑公司',
    address: '汤阴县城区',
    description: '工地上个月有工人从脚手架上摔下来死亡，公司私下赔钱了事，没有向政府报告。',
    stage: 'reward-reviewed',
    daysAgo: 70,
  },
  {
    category: 'transport-dangerous-goods',
    area: '410526',
    subject: '滑县某运输车队',
    address: '滑县留固镇',
    description: '车队长期用普通货车运输液化石油气钢瓶，每车装一百多瓶，没有任何防护。',
    stage: 'reward-approved',
    daysAgo: 35,
  },
  {
    category: 'fire-exits-blocked',
    area: '410506',
    subject: '龙安区某家具厂',
    address: '龙安区文昌大道',
    description: '家具厂喷漆车间门被封死，只留一个出口，车间里堆满木料和油漆，工人五十多人。',
    stage: 'reward-approved',
    daysAgo: 42,
  },
  {
    category: 'non-coal-illegal-mining',
    area: '410522',
    subject: '安阳县某砂场',
    address: '安阳县曲沟镇',
    description: '砂场在河道里无证采砂，挖出的大坑有十几米深，已经淹死过一个孩子。',
    stage: 'reward-claimed',
    daysAgo: 50,
  },
  {
    category: 'welding-no-permit',
    area: '410505',
    subject: '殷都区某化工厂',
    address: '殷都区水冶工业园',
    description: '化工厂储罐区检修时直接动火焊接，没有办动火证也没有置换检测，罐里还有残留物料。',
    stage: 'reward-paid',
    daysAgo: 95,
  },
  // Closed.
  {
    category: 'labour-intensive-hazard',
    area: '410503',
    subject: '北关区某制衣厂',
    address: '北关区豆腐营',
    description: '制衣厂车间里堆满布料，安全出口只有一个，工人说没有做过消防演练。',
    stage: 'closed-unsubstantiated',
    daysAgo: 120,
    hotline: true,
  },
  {
    category: 'campus-hazard',
    area: '410527',
    subject: '内黄县某幼儿园',
    address: '内黄县东庄镇',
    description: '幼儿园校车看起来很旧，可能超员，孩子们挤在一起。',
    stage: 'closed-unsubstantiated',
    daysAgo: 135,
    anonymous: true,
  },
  {
    category: 'pipeline-illegal-digging',
    area: '410581',
    subject: '林州市某房地产项目',
    address: '林州市桂园街道',
    description: '开发商在输油管道保护范围内打桩施工，管道标志被拔掉了。',
    stage: 'closed-unsubstantiated',
    daysAgo: 140,
  },
  {
    category: 'construction-no-protection',
    area: '410522',
    subject: '安阳县某厂房工地',
    address: '安阳县柏庄镇',
    description: '厂房钢结构屋面施工，工人在十几米高的檩条上行走，没有安全带和安全网。',
    stage: 'closed-paid',
    daysAgo: 145,
  },
  {
    category: 'major-hazard',
    area: '410502',
    subject: '文峰区某商场',
    address: '文峰区文峰大道',
    description: '商场自动喷水灭火系统长期停用，消防控制室无人值班，火灾报警系统被关掉。',
    stage: 'closed-paid',
    daysAgo: 150,
    hotline: true,
  },
  // After the conclusion. A county conclusion the reporter objected to: the city reviews it.
  {
    category: 'industry-trade-hazard',
    area: '410503',
    subject: '北关区某铝制品厂',
    address: '北关区彰北街道',
    description: '抛光车间粉尘很大，除尘器坏了几个月没修，地上积了厚厚一层铝粉，车间里还有人抽烟。',
    stage: 'objected',
    daysAgo: 26,
    county: true,
  },
  // Rectification: a major hazard listed for supervision, re-inspected and only partly fixed.
  {
    category: 'chemicals-illegal-storage',
    area: '410505',
    subject: '殷都区某化工贸易公司',
    address: '殷都区水冶镇',
    description: '公司在租来的民房里存放几十桶甲醇和油漆稀释剂，没有防爆设施，旁边就是住户。',
    stage: 'rectification-followup',
    daysAgo: 70,
  },
  // Rectification verified at re-inspection, with photos of the site before and after.
  {
    category: 'fire-exits-blocked',
    area: '410506',
    subject: '龙安区某宾馆',
    address: '龙安区文明大道',
    description: '宾馆三楼和四楼的安全出口被铁栅栏焊死，疏散指示灯不亮，走廊里堆着床垫。',
    stage: 'rectification-verified',
    daysAgo: 80,
  },
  // Transferred to the department responsible, which sent its result back.
  {
    category: 'transport-dangerous-goods',
    area: '410522',
    subject: '安阳县某物流园',
    address: '安阳县白璧镇',
    description: '物流园里停着几辆拉液化气的槽罐车，司机说没有押运员，车就停在居民区旁边过夜。',
    stage: 'transfer-answered',
    daysAgo: 35,
  },
  // A death: verified by the county, the accident's grade waits for the investigation report.
  {
    category: 'concealed-accident',
    area: '410503',
    subject: '北关区某建材加工厂',
    address: '北关区柏庄路',
    description: '上个月厂里一名工人被切割机砸伤后死亡，老板私下赔钱了事，没有向任何部门报告。',
    stage: 'deaths-awaiting-investigation',
    daysAgo: 30,
    county: true,
  },
];
