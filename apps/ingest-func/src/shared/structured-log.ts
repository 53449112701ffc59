// One line per log entry: the message, then its fields as JSON (tenant, content type, window,
// instance id...). The Functions context would otherwise print objects with util.inspect over
// several lines. Callers never pass secrets or tokens.
import type { InvocationContext } from '@azure/functions';
import type { Logger } from './activity-deps';

export function structuredLog(context: Pick<InvocationContext, 'info' | 'warn' | 'error'>): Logger {
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
  return {
    info: (...args) => context.info(line(args)),
    warn: (...args) => context.warn(line(args)),
    error: (...args) => context.error(line(args)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value instanceof Error ? { error: value.message } : value) ?? String(value);
  } catch {
    return String(value);
  }
}
