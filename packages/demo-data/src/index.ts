/**
 * @muster/demo-data: seeded, deterministic, streaming demo data (see README.md).
 * The exported names and row shape are a contract with the API's seed loader and the benchmark.
 */
export { DEMO_ORGANISATIONS, type DemoOrganisation } from './organisation/organisation.data.js';
export {
  generateMembers,
  DEFAULT_SEED,
  MAX_MEMBERS,
  type DemoMemberRow,
  type GenerateMembersOptions,
} from './member/member.generator.js';
export { REGIONS, type Region } from './place/place.data.js';
export { UNION_BRANCH_NAMES, CAMPAIGN_GROUP_NAMES } from './place/place.branch.js';
export {
  DEMO_CAMPAIGNS,
  generateCampaignActivity,
  type DemoAction,
  type DemoCampaign,
  type DemoChannel,
  type DemoDonation,
  type DemoResponse,
  type DemoResponseEvent,
  type DemoResponseState,
  type GenerateCampaignActivityOptions,
} from './campaign/campaign.data.js';
