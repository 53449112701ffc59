// Registers the orchestrators under their names (src/function-names.ts).
import * as df from 'durable-functions';
import { FUNCTION_NAMES } from '../function-names';
import { collectOrchestrator } from '../orchestrators/collect-orchestrator';
import { contentTypeOrchestrator } from '../orchestrators/content-type-orchestrator';
import { rerunOrchestrator } from '../orchestrators/rerun-orchestrator';

export function registerOrchestrationFunctions(): void {
  df.app.orchestration(FUNCTION_NAMES.collectOrchestrator, collectOrchestrator);
  df.app.orchestration(FUNCTION_NAMES.collectContentTypeOrchestrator, contentTypeOrchestrator);
  df.app.orchestration(FUNCTION_NAMES.rerunOrchestrator, rerunOrchestrator);
}
