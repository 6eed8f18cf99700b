// Statistics: rollups kept right by refreshReportStats (called in every
// transaction that changes a report), and the figures read from them.
export { refreshReportStats } from './refresh';
export { rebuildStats } from './rebuild';
export { statsOverview } from './overview';
export { monthlyRanking } from './ranking';
export { posterFunnel } from './posterFunnel';
export { transparencyFigures } from './transparency';
