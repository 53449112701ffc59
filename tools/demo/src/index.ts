export { parseDemoArgs, UsageError, type DemoOptions } from './args';
export { runDemo, simulatorSettings, faultSummary, DEMO_FAULTS, DEMO_RATE_LIMIT_PER_MINUTE, type DemoResult, type GroundTruthCheck } from './run-demo';
export { readProgress, formatProgress, type ContentTypeProgress } from './progress';
