// Reads which task got which sequence id in an orchestrator run. The SDK numbers tasks inside
// TaskOrchestrationExecutor.trackOpenTask (yield order, Task.all children in array order, retries
// taking a timer id then an attempt id); we wrap that method once per durable-functions copy so
// every numbered task of the run is recorded, completed or not (internal API of 3.5.x).
import { createRequire } from 'node:module';
import path from 'node:path';

export interface SdkTask {
  id: number | string | false;
  actionObj?: unknown;
  parent?: SdkTask & { children?: SdkTask[]; actionObj?: unknown };
}

interface ExecutorLike {
  trackOpenTask(task: SdkTask): void;
  __localHostTasks?: Map<number, SdkTask>;
}

const patched = new Set<string>();

/** Patches the durable-functions package the app at `mainPath` resolves (idempotent). */
export function patchTaskNumbering(mainPath: string): boolean {
  let file: string;
  try {
    const appRequire = createRequire(mainPath);
    const pkgJson = appRequire.resolve('durable-functions/package.json');
    file = path.join(path.dirname(pkgJson), 'lib/src/orchestrations/TaskOrchestrationExecutor.js');
    if (patched.has(file)) return true;
    const mod = appRequire(file) as { TaskOrchestrationExecutor?: { prototype: ExecutorLike } };
    const proto = mod.TaskOrchestrationExecutor?.prototype;
    if (!proto || typeof proto.trackOpenTask !== 'function') return false;
    const original = proto.trackOpenTask;
    proto.trackOpenTask = function (this: ExecutorLike, task: SdkTask) {
      const before = task.id;
      original.call(this, task);
      if (before === false && typeof task.id === 'number') {
        (this.__localHostTasks ??= new Map()).set(task.id, task);
      }
    };
    patched.add(file);
    return true;
  } catch {
    return false;
  }
}

/** The tasks numbered during the run whose context is given (undefined when unpatched). */
export function numberedTasks(context: unknown): Map<number, SdkTask> | undefined {
  const df = (context as { df?: { taskOrchestratorExecutor?: ExecutorLike } } | undefined)?.df;
  const executor = df?.taskOrchestratorExecutor;
  if (!executor) return undefined;
  return executor.__localHostTasks ?? new Map();
}
