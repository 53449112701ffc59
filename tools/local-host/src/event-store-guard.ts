// A host whose durable store remembers completed cycles must never carry on silently on a new,
// empty event store: the app would find no watermark and collect from scratch, or worse, report
// a window collected that was stored into a file since deleted. So the host records the event
// store's `store_id` (libs/storage, `meta.store_id`) beside its durable state and checks it at
// every start. Only for AUDITFLOW_STORE=sqlite (the default); a Cosmos DB account has its own life.
import path from 'node:path';
import { settingFor } from '@auditflow/config';
import { readSqliteStoreId } from '@auditflow/storage';
import type { DurableStore } from './engine/store';
import { LocalHostError } from './local-host-error';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

const ID_KEY = 'event_store_id';
const PATH_KEY = 'event_store_path';
export const ACCEPT_FLAG = '--accept-new-event-store';

/** The event store file the app will use, or undefined when it does not store into SQLite. */
export function eventStoreFile(env: NodeJS.ProcessEnv): string | undefined {
  const store = env[settingFor('store').name] ?? String(settingFor('store').default);
  if (store.trim().toLowerCase() !== 'sqlite') return undefined;
  return path.resolve(env[settingFor('sqlitePath').name] || String(settingFor('sqlitePath').default));
}

export class EventStoreGuard {
  constructor(
    private readonly durable: DurableStore,
    private readonly file: string,
    private readonly log: Log,
  ) {}

  /** Refuses to start on a missing or different event store unless `acceptNew`; records the id it sees. */
  checkAtStart(acceptNew: boolean): void {
    const recorded = this.durable.getMeta(ID_KEY) || undefined;
    const recordedPath = this.durable.getMeta(PATH_KEY);
    const current = readSqliteStoreId(this.file);
    const remembers = recorded !== undefined || (this.durable.predatesHostMeta && this.durable.hasCompletedInstances());
    const problem =
      !remembers ? undefined
      : current === undefined ? 'missing'
      : recorded !== undefined && current !== recorded ? 'changed'
      : undefined;
    if (problem && !acceptNew) throw this.refusal(problem, recorded, recordedPath, current);
    if (problem) {
      this.log('warn', 'starting on a new event store on purpose (--accept-new-event-store)', { file: this.file, recordedStoreId: recorded, storeId: current ?? null });
      this.durable.setMeta(ID_KEY, ''); // forget the old one; the new one is recorded below or once the app creates it
    }
    this.observe();
  }

  /** Records the event store's id once the file exists (the app creates it at its first cycle). */
  observe(): void {
    const recorded = this.durable.getMeta(ID_KEY);
    if (recorded) return;
    const current = readSqliteStoreId(this.file);
    if (current === undefined) return;
    this.durable.setMeta(ID_KEY, current);
    this.durable.setMeta(PATH_KEY, this.file);
    this.log('info', 'event store recorded: the host checks it at every start', { file: this.file, storeId: current });
  }

  private refusal(problem: 'missing' | 'changed', recorded: string | undefined, recordedPath: string | undefined, current: string | undefined): LocalHostError {
    const what = problem === 'missing'
      ? `The event store ${this.file} does not exist, but this host's durable store (${this.durable.path}) remembers completed cycles${recorded ? ` that stored into event store ${recorded}${recordedPath && recordedPath !== this.file ? ` at ${recordedPath}` : ''}` : ''}.`
      : `The event store ${this.file} is not the one this host's durable store (${this.durable.path}) filled: its store id is ${current}, the recorded one ${recorded}${recordedPath && recordedPath !== this.file ? ` (at ${recordedPath})` : ''}.`;
    return new LocalHostError(
      problem === 'missing' ? 'EventStoreMissing' : 'EventStoreChanged',
      `${what} Starting would silently collect into a new, empty store. Restore the event store file (with its -wal file) from where it went, ` +
        `or point AUDITFLOW_SQLITE_PATH at it; or, to start over on purpose, start the host with ${ACCEPT_FLAG} (acceptNewEventStore: true).`,
      409,
    );
  }
}
