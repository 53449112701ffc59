// A task an orchestrator run opened, as the engine records and dispatches it.
export interface RetryPosition {
  /** Position in the retry sequence: 0 the first attempt, odd the retry timers, even the next attempts. */
  index: number;
  /** maxNumberOfAttempts of the retry policy. */
  attempts: number;
}

export type NewTask =
  | { kind: 'activity'; id: number; name: string; input: string | undefined; retry?: RetryPosition }
  | { kind: 'subOrchestration'; id: number; name: string; instanceId: string | undefined; input: string | undefined; retry?: RetryPosition }
  | { kind: 'timer'; id: number; fireAt: string; retry?: RetryPosition };
