// Public face of @auditflow/o365-simulator (CONTRACTS.md section 3).
export { startSimulator, type RunningSimulator, type SimulatorStats, type StartSimulatorExtras } from './start-simulator';
export type { GroundTruth, GroundTruthFilter } from './ground-truth';
export type { SimulatorClock } from './simulator-clock';
export { TOKEN_EXCHANGE_AUDIENCE, type ManagedIdentityInfo } from './managed-identity';
export {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_MANAGED_IDENTITY_CLIENT_ID,
  DEFAULT_MANAGED_IDENTITY_PRINCIPAL_ID,
  DEFAULT_TENANT_ID,
  type SimulatorFaults,
  type SimulatorOptions,
  type StartGuardMode,
} from './simulator-options';
export { UNREADABLE_MODES, type BlobChoice, type RedirectListing, type UnreadableBlobs, type UnreadableMode } from './blob-faults';
export { CONTENT_TYPE_WEIGHTS } from './blob-catalog';
export { simulatedTenant, type SimulatedTenant } from './tenant-data';
export { ATTACKER_RANGES, HOME_COUNTRY, countryOfSimulatedIp, ipCountryCsv, type ExpectedFinding, type StoryTruth } from './stories';
export { DLP_SENSITIVE_TYPES } from './dlp-sensitive-types';
export { SeededRandom } from './seeded-random';
