// Resident population per area, for reports per 10,000 residents in the ranking.
// Rounded to the nearest 10,000 from the 2020 census (第七次全国人口普查); only
// the relative sizes matter, as the per-capita score compares areas with each other.
export const areaPopulation: Record<string, number> = {
  '410502': 580_000,
  '410503': 340_000,
  '410505': 430_000,
  '410506': 290_000,
  '410522': 720_000,
  '410523': 390_000,
  '410526': 1_110_000,
  '410527': 640_000,
  '410581': 780_000,
};
