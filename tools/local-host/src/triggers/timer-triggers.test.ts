import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import { TimerTriggers } from './timer-triggers';

const invoked = vi.hoisted(() => ({ count: 0 }));
vi.mock('../app/invoker', () => ({
  invokeFunction: async () => {
    invoked.count++;
    return {};
  },
}));

const binding = { baseUrl: 'http://127.0.0.1:1', systemKey: 'k', taskHubName: 'hub' };

function appWithTimer(schedule: string): LoadedApp {
  const fn = { name: 'tick', triggerType: 'timerTrigger', trigger: { schedule }, metadata: { bindings: {} } } as unknown as RegisteredFunction;
  return { functions: new Map([['tick', fn]]) } as LoadedApp;
}

describe('TimerTriggers', () => {
  afterEach(() => {
    vi.useRealTimers();
    invoked.count = 0;
  });

  it('runs an occurrence once even when the timer wakes a few ms before it (wall clock behind the timer clock)', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.500Z') });
    const timers = new TimerTriggers(appWithTimer('0 * * * * *'), binding, () => undefined);
    timers.start(); // next occurrence 00:01:00.000, armed 59.5 s ahead
    vi.setSystemTime(new Date('2026-01-01T00:00:00.497Z')); // Date.now() now runs 3 ms behind the timer
    await vi.advanceTimersByTimeAsync(59_500); // wakes at 00:00:59.997 by Date.now()
    await vi.advanceTimersByTimeAsync(1_000); // 00:01:00.997: still the same minute
    expect(invoked.count).toBe(1);
    await timers.stop();
  });
});
