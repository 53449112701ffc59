export { planStories, EMPTY_PLAN, type StoryPlan } from './story-plan';
export type { ExpectedFinding, StoryTruth } from './story-model';
export { ATTACKER_RANGES, HOME_COUNTRY, countryOfSimulatedIp } from './geography';
