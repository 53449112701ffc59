#!/usr/bin/env node
// Entry point of `npm start`. Exit code 0 only when the cycle completed and matched the ground truth.
import { parseDemoArgs, UsageError } from './args';
import { runDemo } from './run-demo';

async function main(): Promise<number> {
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return error.problems.length === 0 ? 0 : 2;
    }
    throw error;
  }
  const result = await runDemo(options);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { name?: string; message?: string; problems?: string[] };
    console.error(`auditflow: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`);
    process.exit(1);
  },
);
