// Every endpoint of the API, by feature. The server registers each one with its
// access rule and handler (server/platform/http/defineRoute.ts); the client calls
// them through client/src/apiClient.ts. The client imports the feature files it
// needs, not this index, so a page carries only its own schemas.
import { audit } from './audit';
import { auth } from './auth';
import { catalog } from './catalog';
import { exchange } from './exchange';
import type { Endpoint } from './endpoint';
import { followup } from './followup';
import { fund } from './fund';
import { intake } from './intake';
import { jurisdiction } from './jurisdiction';
import { me } from './me';
import { partners } from './partners';
import { posters } from './posters';
import { protection } from './protection';
import { reporters } from './reporters';
import { reports } from './reports';
import { rewardPolicies } from './rewardPolicies';
import { rewardControls } from './rewardControls';
import { rewards } from './rewards';
import { staff } from './staff';
import { stats } from './stats';
import { webhooks } from './webhooks';

export type { Endpoint } from './endpoint';

export const contract = {
  intake,
  followup,
  reports,
  reporters,
  rewards,
  rewardPolicies,
  rewardControls,
  catalog,
  jurisdiction,
  posters,
  stats,
  fund,
  audit,
  auth,
  staff,
  protection,
  me,
  exchange,
  webhooks,
  partners,
};

/** Every declared endpoint, in one list. */
export function allEndpoints(): Endpoint[] {
  return Object.values(contract).flatMap((feature) => Object.values(feature) as Endpoint[]);
}
