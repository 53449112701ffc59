// Entry point of `npm run investigate -- ...` (run-cli.ts does the work).
import { resolve } from 'node:path';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  env: process.env,
  // npm runs root scripts from the repository root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  repoRoot: resolve(__dirname, '../../..'),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`investigate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
