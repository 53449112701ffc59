export { parseDemoArgs, UsageError, type DemoOptions } from './args';
export { runDemo, simulatorSettings, DEMO_FAULTS, type DemoResult, type GroundTruthCheck } from './run-demo';
export { readProgress, formatProgress, type ContentTypeProgress } from './progress';
