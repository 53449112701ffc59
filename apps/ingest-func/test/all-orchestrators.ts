// Every orchestrator of the app by its registered name, as main.ts registers them (each
// workflow's register-*.ts): tests drive trees of orchestrations through this.
import type { OrchestrationHandler } from 'durable-functions';
import { COLLECT_ORCHESTRATORS } from '../src/collect/collect-orchestrators';
import { rerunOrchestrator } from '../src/rerun/rerun-orchestrator';
import { FUNCTION_NAMES } from '../src/shared/function-names';

export const ALL_ORCHESTRATORS: Readonly<Record<string, OrchestrationHandler>> = {
  ...COLLECT_ORCHESTRATORS,
  [FUNCTION_NAMES.rerunOrchestrator]: rerunOrchestrator,
};
