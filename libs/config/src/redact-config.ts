// Keeps secrets out of logs. `redactConfig` is the explicit way; in addition, every config that
// loadConfig returns redacts itself when serialized (JSON.stringify) or inspected (console.log,
// util.inspect), so a careless `log(config)` cannot leak a secret either.
import { SECRET_KEYS, type AuditflowConfig } from './auditflow-config';

export const REDACTED = '[redacted]';

/** A plain copy safe to log: secrets that are set become "[redacted]". */
export function redactConfig(config: Partial<AuditflowConfig>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) {
    if (copy[key] !== undefined) copy[key] = REDACTED;
  }
  return copy;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Adds non-enumerable toJSON and inspect hooks (spreads and Object.keys do not see them). */
export function attachRedaction<T extends AuditflowConfig>(config: T): T {
  Object.defineProperty(config, 'toJSON', { value: () => redactConfig(config), enumerable: false });
  Object.defineProperty(config, inspectSymbol, { value: () => redactConfig(config), enumerable: false });
  return config;
}
