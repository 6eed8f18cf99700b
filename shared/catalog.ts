// Reference types, and the one rule about categories that is not per city: coal
// mines have their own national reporting and reward rules. Areas, sectors,
// departments and categories are data (server/jurisdiction, seeded per city),
// served by GET /api/v1/catalog; no module keeps a compiled list of them.
export interface Label {
  zh: string;
  en: string;
}

export interface Area {
  code: string;
  name: Label;
  level: 'province' | 'city' | 'county';
  parentCode?: string;
}

export interface Sector {
  code: string;
  name: Label;
}

export type RewardScheme = 'violation' | 'concealed-accident' | 'welding';

export interface OutsideScheme {
  /** Why, as the estimator, the findings and the staff view say it. */
  reason: Label;
  /** The department the report is transferred to (its own reward rules apply there). */
  channelUnitCode: string;
}

/** Coal mines have their own reporting and reward rules (安安委〔2022〕14号 leaves them out of the city scheme). */
const coalMineChannel: OutsideScheme & { channel: { code: string; name: Label } } = {
  reason: {
    zh: '煤矿安全生产举报不属于本市安全生产领域举报奖励范围，按煤矿领域的举报奖励规定办理（安安委〔2022〕14号），应移交国家矿山安全监察局河南局。',
    en: 'Coal-mine reports are outside the city reward scheme: the coal-mine reward rules apply (安安委〔2022〕14号), and the report is transferred to the National Mine Safety Administration, Henan Bureau.',
  },
  channelUnitCode: 'mine-safety-henan',
  channel: {
    code: 'mine-safety-henan',
    name: { zh: '国家矿山安全监察局河南局', en: 'National Mine Safety Administration, Henan Bureau' },
  },
};

/** Categories outside the city scheme, by code (every Henan seed uses these codes for them). */
const outsideSchemeCategories: Record<string, typeof coalMineChannel> = {
  'coal-mine-illegal-mining': coalMineChannel,
};

/** Why a category is outside the city reward scheme and where it goes, or undefined when it is inside. */
export function outsideSchemeOf(
  categoryCode: string | undefined,
): (OutsideScheme & { channel: { code: string; name: Label } }) | undefined {
  return categoryCode ? outsideSchemeCategories[categoryCode] : undefined;
}
