// One episode of one instance: take in its unconsumed inbox, replay the orchestrator over its
// history (or record a termination) and commit the outcome. The caller dispatches the returned
// work and wakes the returned instances only after this committed.
import type { LoadedApp } from '../app/app-loader';
import type { EpisodePacing } from './episode-pacing';
import { EventType, historyEvent, type HistoryEvent } from './history';
import { takeInbox } from './inbox-events';
import { appendHistory, commitEpisode, finishInstance, notifyParent } from './instance-writes';
import { runEpisode, type EpisodeResult } from './orchestrator-run';
import { TERMINAL_STATUSES, type DurableStore, type InstanceRow, type WorkRow } from './store';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

export interface EpisodeDeps {
  store: DurableStore;
  app: LoadedApp;
  log: Log;
  pacing: EpisodePacing;
  stopped: () => boolean;
}

export interface EpisodeOutcome {
  dispatch: WorkRow[];
  wake: string[];
  /** Set when the instance reached a terminal state in this episode. */
  finished?: InstanceRow;
}

export async function runInstanceEpisode(d: EpisodeDeps, id: string): Promise<EpisodeOutcome | undefined> {
  const { store } = d;
  const began = performance.now();
  const inst = store.getInstance(id);
  if (!inst) return undefined;
  const rows = store.inboxAfter(id, inst.inbox_cursor);
  if (rows.length === 0) return undefined;
  const cursor = rows[rows.length - 1]!.id;
  const consumeOnly = (): undefined => {
    store.transaction(() => store.updateInstance({ ...inst, inbox_cursor: cursor }));
    return undefined;
  };
  if (TERMINAL_STATUSES.includes(inst.status)) return consumeOnly();
  const history = store.loadHistory(id, inst.execution_id);
  const { fresh, terminated } = takeInbox(history, rows, inst.execution_id);
  const now = new Date().toISOString();
  if (terminated) return terminate(d, inst, terminated, cursor, now);
  if (fresh.length === 0) return consumeOnly();
  const fn = d.app.functions.get(inst.name);
  const startedAt = performance.now();
  const newEvents = [historyEvent(EventType.OrchestratorStarted, { Timestamp: now }), ...fresh];
  const result: EpisodeResult = fn && fn.triggerType === 'orchestrationTrigger'
    ? await runEpisode({
        fn,
        instanceId: id,
        parentInstanceId: inst.parent_id,
        input: inst.input,
        history: [...history.map((h) => ({ ...h, IsPlayed: true })), ...newEvents],
        log: (level, message, fields) => d.log(level, message, { instanceId: id, ...fields }),
      })
    : { kind: 'failed', error: `Orchestrator function '${inst.name}' does not exist in the app.`, customStatus: undefined };
  const replayMs = performance.now() - startedAt;
  if (!store.db.open || d.stopped()) return undefined;
  const current = store.getInstance(id);
  if (!current || current.execution_id !== inst.execution_id) return undefined; // purged or restarted meanwhile
  const outcome = commit(d, inst, result, newEvents, cursor, now);
  // ms: the whole episode (history load, replay in the SDK, commit); replayMs: the SDK's part
  const ms = performance.now() - began;
  d.pacing.episodeEnded(id, ms, result.kind === 'running');
  d.log('debug', 'episode', { instanceId: id, newEvents: fresh.length, historyEvents: history.length, result: result.kind, ms: +ms.toFixed(2), replayMs: +replayMs.toFixed(2) });
  return outcome;
}

function terminate(d: EpisodeDeps, inst: InstanceRow, terminated: HistoryEvent, cursor: number, now: string): EpisodeOutcome {
  const reason = terminated.Input ?? 'null';
  d.store.transaction(() => {
    appendHistory(d.store, inst, [{ ...terminated, Timestamp: now }]);
    finishInstance(d.store, inst, { status: 'Terminated', output: reason, cursor, now });
    notifyParent(d.store, inst, EventType.SubOrchestrationInstanceFailed, { Reason: `Sub-orchestration ${inst.id} was terminated`, Details: reason });
  });
  d.log('info', 'orchestration terminated', { instanceId: inst.id });
  return { dispatch: [], wake: [], finished: inst };
}

function commit(d: EpisodeDeps, inst: InstanceRow, result: EpisodeResult, newEvents: HistoryEvent[], cursor: number, now: string): EpisodeOutcome {
  const { dispatch, wake } = commitEpisode(d.store, inst, { result, newEvents, cursor, now });
  if (result.kind !== 'completed' && result.kind !== 'failed') return { dispatch, wake };
  d.log(result.kind === 'failed' ? 'warn' : 'info', `orchestration ${result.kind}`, {
    instanceId: inst.id,
    name: inst.name,
    ...(result.kind === 'failed' ? { error: result.error.split('\n')[0] } : {}),
  });
  return { dispatch, wake, finished: inst };
}
