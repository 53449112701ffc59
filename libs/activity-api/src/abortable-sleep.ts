// Waits that an AbortSignal cuts short: backoff, throttling and the token bucket must never
// outlive the caller's interest, and a shared promise (a token refresh) must not either.

export function abortableSleep(ms: number, abortSignal?: AbortSignal): Promise<void> {
  if (abortSignal?.aborted) return Promise.reject(abortReason(abortSignal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      if (abortSignal) reject(abortReason(abortSignal));
    };
    const timer = setTimeout(() => {
      abortSignal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    abortSignal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The signal's reason, or a standard AbortError when it has none. */
export function abortReason(abortSignal: AbortSignal): unknown {
  return abortSignal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits for a shared promise, but gives up (rejecting) as soon as this caller's signal aborts. */
export function abortable<T>(promise: Promise<T>, abortSignal?: AbortSignal): Promise<T> {
  if (!abortSignal) return promise;
  if (abortSignal.aborted) return Promise.reject(abortReason(abortSignal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(abortSignal));
    abortSignal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        abortSignal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        abortSignal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
