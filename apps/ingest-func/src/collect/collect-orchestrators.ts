// The collect workflow's orchestrators by registered name: the cycle, a content type's run and
// one window's collection (register-collect.ts registers these; tests drive trees of them).
import type { OrchestrationHandler } from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { collectOrchestrator } from './collect-orchestrator';
import { contentTypeOrchestrator } from './content-type-orchestrator';
import { windowOrchestrator } from './window-orchestrator';

export const COLLECT_ORCHESTRATORS: Readonly<Record<string, OrchestrationHandler>> = {
  [FUNCTION_NAMES.collectOrchestrator]: collectOrchestrator,
  [FUNCTION_NAMES.collectContentTypeOrchestrator]: contentTypeOrchestrator,
  [FUNCTION_NAMES.collectWindowOrchestrator]: windowOrchestrator,
};
