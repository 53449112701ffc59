// Shifts the whole process clock: `Date.now()` and `new Date()` (no arguments) return real time
// plus the offset, so the app, its SDKs and the durable engine all see one time. Process-wide.
const RealDate = Date;
let offsetInMs = 0;
let installed = false;

export function setClockOffset(ms: number): void {
  offsetInMs = ms;
  if (installed || ms === 0) return;
  installed = true;
  const shifted = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      const actual = args.length === 0 ? [RealDate.now() + offsetInMs] : args;
      return Reflect.construct(target, actual, newTarget) as object;
    },
    apply() {
      return new RealDate(RealDate.now() + offsetInMs).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return () => RealDate.now() + offsetInMs;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  globalThis.Date = shifted;
}
