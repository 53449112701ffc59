// A collection that runs far longer than a cycle should (AUDITFLOW_STUCK_AFTER_MINUTES) is stuck,
// typically because a content type's child instance was purged or terminated while the parent
// waited for it. The timer will not start another cycle while it runs, so this is said loudly,
// in /api/status and at warn level by every timer tick, with what to do.
import { collectInstanceId } from '../shared/function-names';
import { isActive } from '../shared/instance-status';

export interface StuckCollection {
  readonly runningForMinutes: number;
  readonly stuckAfterMinutes: number;
  readonly action: string;
}

export function stuckCollection(
  status: { readonly runtimeStatus: unknown; readonly createdTime?: unknown } | undefined,
  tenantId: string,
  now: Date,
  stuckAfterMinutes: number,
): StuckCollection | undefined {
  if (!status || !isActive({ runtimeStatus: String(status.runtimeStatus) })) return undefined;
  const created = status.createdTime instanceof Date || typeof status.createdTime === 'string' ? new Date(status.createdTime).getTime() : Number.NaN;
  if (Number.isNaN(created)) return undefined;
  const runningForMinutes = Math.floor((now.getTime() - created) / 60_000);
  if (runningForMinutes < stuckAfterMinutes) return undefined;
  const id = collectInstanceId(tenantId);
  return {
    runningForMinutes,
    stuckAfterMinutes,
    action:
      `look at its content-type instances (${id}:{contentType}) and their windows (${id}:{contentType}:window-{start}) for one that is gone or failed; then terminate ${id} ` +
      '(POST /runtime/webhooks/durabletask/instances/{id}/terminate with the durabletask_extension system key): ' +
      'the next timer tick starts a new cycle, which resumes at the watermarks',
  };
}
