// The rerun workflow, registered together: POST /api/rerun starts the rerun orchestration, which
// runs the collect workflow's content-type orchestrator in rerun mode (no activities of its own).
import * as df from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { registerRerunHttp } from './rerun-http';
import { rerunOrchestrator } from './rerun-orchestrator';

export function registerRerun(): void {
  registerRerunHttp();
  df.app.orchestration(FUNCTION_NAMES.rerunOrchestrator, rerunOrchestrator);
}
