import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import { DurableEngine } from './engine';
import { EventType, type HistoryEvent } from './history';
import { DurableStore } from './store';

function engineWithOrchestrator(): { engine: DurableEngine; store: DurableStore } {
  const store = new DurableStore(path.join(mkdtempSync(path.join(tmpdir(), 'local-host-engine-')), 'durable.db'));
  const fn = { name: 'orch', triggerType: 'orchestrationTrigger' } as RegisteredFunction;
  const app = { functions: new Map([['orch', fn]]) } as LoadedApp;
  return { engine: new DurableEngine({ store, app, log: () => undefined, maxConcurrentActivities: 1 }), store };
}

describe('DurableEngine client operations', () => {
  it('has raised events and terminate requests in the database when they return (the caller answers 202 next)', async () => {
    const { engine, store } = engineWithOrchestrator();
    try {
      engine.startNew('orch', 'a', undefined);
      engine.startNew('orch', 'b', undefined);
      expect(engine.raiseEvent('a', 'Approve', '"yes"')).toBe('ok');
      expect(engine.terminate('b', 'enough')).toBe('ok');
      const types = (id: string): number[] => store.inboxAfter(id, 0).map((r) => (JSON.parse(r.event) as HistoryEvent).EventType);
      expect(types('a')).toEqual([EventType.ExecutionStarted, EventType.EventRaised]);
      expect(types('b')).toEqual([EventType.ExecutionStarted, EventType.ExecutionTerminated]);
    } finally {
      await engine.stop(0);
      store.close();
    }
  });

  it('refuses to purge a Pending instance (412) and to start its id again while it has not finished', async () => {
    const { engine, store } = engineWithOrchestrator();
    try {
      engine.startNew('orch', 'p', undefined);
      expect(store.getInstance('p')?.status).toBe('Pending');
      expect(() => engine.purge('p')).toThrow(expect.objectContaining({ statusCode: 412, code: 'InstanceNotFinished', message: expect.stringContaining('Pending') }));
      expect(() => engine.startNew('orch', 'p', undefined)).toThrow(expect.objectContaining({ statusCode: 409, code: 'OrchestrationAlreadyExists' }));
      expect(store.getInstance('p')?.status).toBe('Pending');
    } finally {
      await engine.stop(0);
      store.close();
    }
  });
});
