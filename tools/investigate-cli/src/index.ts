export { runCli, parseCliArgs, USAGE, type CliIo } from './run-cli';
export { openCliStore, resolveSettings, CliError, DEMO_STORE } from './cli-store';
