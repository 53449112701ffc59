/** Every configuration problem at once, each one saying what to do. */
export class ConfigError extends Error {
  readonly code = 'InvalidConfig';
  readonly statusCode = 500;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `auditflow configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError || (error as { code?: unknown } | null)?.code === 'InvalidConfig';
}
