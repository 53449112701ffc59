// Loads a resource and reloads it every `intervalMs` (live views); errors are kept for display.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], intervalMs?: (data: T | undefined) => number | undefined) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [tick, setTick] = useState(0);
  const dataRef = useRef<T | undefined>(undefined);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    load(controller.signal).then(
      (value) => {
        dataRef.current = value;
        setData(value);
        setError(undefined);
      },
      (e: Error) => {
        if (!controller.signal.aborted) setError(e);
      },
    ).finally(() => {
      const next = intervalMs?.(dataRef.current);
      if (next && !controller.signal.aborted) timer = setTimeout(() => setTick((t) => t + 1), next);
    });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick]);
  return { data, error, reload };
}
