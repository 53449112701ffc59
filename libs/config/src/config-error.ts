import type { AuditflowConfig } from './auditflow-config';

/** One problem, tied to the config property (and so the setting) it is about. */
export interface ConfigIssue {
  readonly key: keyof AuditflowConfig;
  /** The setting's name, e.g. AUDITFLOW_RETENTION_DAYS. */
  readonly setting: string;
  /** The whole problem text, starting with the setting's name (as in `problems`). */
  readonly message: string;
  /** The text after the setting's name: what is wrong and what to do. */
  readonly detail: string;
}

/** Every configuration problem at once, each one saying what to do. */
export class ConfigError extends Error {
  readonly code = 'InvalidConfig';
  readonly statusCode = 500;
  readonly problems: readonly string[];
  /** The same problems with the property each is about, for callers that name settings their own way (infra's stack keys). */
  readonly issues: readonly ConfigIssue[];

  constructor(problems: readonly string[], issues: readonly ConfigIssue[] = []) {
    super(
      `auditflow configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError || (error as { code?: unknown } | null)?.code === 'InvalidConfig';
}
