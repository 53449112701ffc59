// Registers the orchestrators under their names (src/function-names.ts).
import * as df from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { collectOrchestrator } from './collect-orchestrator';
import { contentTypeOrchestrator } from './content-type-orchestrator';
import { rerunOrchestrator } from '../rerun/rerun-orchestrator';

export function registerOrchestrationFunctions(): void {
  df.app.orchestration(FUNCTION_NAMES.collectOrchestrator, collectOrchestrator);
  df.app.orchestration(FUNCTION_NAMES.collectContentTypeOrchestrator, contentTypeOrchestrator);
  df.app.orchestration(FUNCTION_NAMES.rerunOrchestrator, rerunOrchestrator);
}
