// Registers the orchestrators under their names (src/function-names.ts).
import * as df from 'durable-functions';
import type { OrchestrationHandler } from 'durable-functions';
import { windowOrchestrator } from '../collect/window-orchestrator';
import { FUNCTION_NAMES } from '../function-names';
import { collectOrchestrator } from '../orchestrators/collect-orchestrator';
import { contentTypeOrchestrator } from '../orchestrators/content-type-orchestrator';
import { rerunOrchestrator } from '../orchestrators/rerun-orchestrator';

/** Every orchestrator by its registered name (the tests drive trees of them through this). */
export const ORCHESTRATORS: Readonly<Record<string, OrchestrationHandler>> = {
  [FUNCTION_NAMES.collectOrchestrator]: collectOrchestrator,
  [FUNCTION_NAMES.collectContentTypeOrchestrator]: contentTypeOrchestrator,
  [FUNCTION_NAMES.collectWindowOrchestrator]: windowOrchestrator,
  [FUNCTION_NAMES.rerunOrchestrator]: rerunOrchestrator,
};

export function registerOrchestrationFunctions(): void {
  for (const [name, handler] of Object.entries(ORCHESTRATORS)) df.app.orchestration(name, handler);
}
