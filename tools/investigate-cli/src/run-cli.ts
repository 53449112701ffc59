// `npm run investigate -- <command> [options]`: the app's own investigation handlers, run
// against the store the app's settings name, printed for a terminal (or as JSON with --json).
// Options other than the CLI's own become the handlers' query parameters (--max-nodes 50 ->
// maxNodes=50), so the CLI validates exactly like the HTTP API and names every bad option.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  entityHandler,
  exportHandler,
  findingsHandler,
  graphHandler,
  healthHandler,
  type CollectionHealth,
  type FindingView,
  type HandlerResult,
  type InvestigateDeps,
} from '@auditflow/ingest-func';
import { isConfigError } from '@auditflow/config';
import { CliError, openCliStore } from './cli-store';
import { formatEntity, formatFindings, formatGraph, formatHealth } from './format';

export const USAGE = `Usage: npm run investigate -- <command> [options]

Commands:
  findings                      findings the collection computed (newest first)
      --severity high,medium  --indicator ID  --entity user:alice@contoso.com  --from  --to  --limit N
  graph --center NODE           the entity graph around a node (user:..., ip:..., object:...)
      --hops 1..3  --from ISO  --to ISO  --operations A,B  --workloads W  --content-types T
      --result Failed  --max-nodes N  --max-edges N  --watch NODE,NODE
  entity KIND ID                one entity: summary and its events (KIND user, ip, object, operation)
      --from  --to  --limit N  --order asc|desc  --raw true  --continuation-token T
  health                        collection health per content type  --behind-hours N
  export --center NODE --format graphml|gexf|csv|json
                                the graph as a file for Gephi (GraphML, GEXF), Power BI (CSV: --file
      nodes|edges) or JSON; the graph options above; --out FILE (default: print it);
      --watch-list FILE (a CSV of accounts or IPs, like adminlist.csv: only paths touching them)

Options for every command:
  --json                        print JSON (findings: a JSON list, each naming its indicator)
  --env-file FILE               app settings from a local.settings.json ({"Values": {...}})
  --sqlite FILE                 this SQLite store (default: AUDITFLOW_* settings, else tmp/demo/auditflow.db)
  --tenant ID                   the tenant, when the store holds several
Times default to the last 7 days.`;

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Where tmp/demo (the store npm start fills) is; default cwd. */
  readonly repoRoot?: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now?: () => Date;
}

const CLI_OPTIONS = new Set(['json', 'help', 'envFile', 'sqlite', 'tenant', 'out', 'watchList']);
const BOOLEAN = new Set(['json', 'help']);

interface Parsed {
  readonly command: string | undefined;
  readonly positionals: string[];
  readonly options: Map<string, string>;
  readonly params: URLSearchParams;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export function parseCliArgs(argv: readonly string[]): Parsed {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const params = new URLSearchParams();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = camel(arg.slice(2, eq < 0 ? undefined : eq));
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (BOOLEAN.has(name)) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`--${arg.slice(2)} needs a value`);
      value = next;
      i += 1;
    }
    if (CLI_OPTIONS.has(name)) options.set(name, value);
    else params.append(name, value);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options, params };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, positionals, options, params } = parsed;
  if (options.has('help') || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !options.has('help') ? 2 : 0;
  }
  if (!['findings', 'graph', 'entity', 'health', 'export'].includes(command)) {
    io.err(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (command === 'entity' && positionals.length !== 2) {
    io.err('entity needs KIND and ID, e.g. npm run investigate -- entity user alice@contoso.com');
    return 2;
  }
  let opened;
  try {
    opened = await openCliStore(
      { ...(options.has('envFile') ? { envFile: options.get('envFile') } : {}), ...(options.has('sqlite') ? { sqlite: options.get('sqlite') } : {}), ...(options.has('tenant') ? { tenant: options.get('tenant') } : {}) },
      io.env,
      io.cwd,
      io.repoRoot ?? io.cwd,
    );
  } catch (error) {
    if (error instanceof CliError) io.err(error.message);
    else if (isConfigError(error)) io.err(`the settings are invalid: ${error.message}`);
    else throw error;
    return 1;
  }
  const { config, store } = opened;
  let watchList: string | undefined;
  if (options.has('watchList')) {
    try {
      watchList = readFileSync(options.get('watchList') as string, 'utf8');
    } catch (error) {
      io.err(`--watch-list ${options.get('watchList')} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      await store.close();
      return 2;
    }
  }
  try {
    const deps: InvestigateDeps = { store, tenantId: config.tenantId, now: io.now?.() ?? new Date(), contentTypes: config.contentTypes };
    const json = options.get('json') === 'true';
    const result = command === 'export' ? await exportHandler(params, watchList, deps) : await run(command, positionals, params, deps);
    if (result.status !== 200) {
      const body = (result as { json: { message?: string; problems?: { parameter: string; message: string }[] } }).json;
      const problems = body.problems?.map((p) => `  --${p.parameter.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${p.message}`) ?? [body.message ?? 'failed'];
      io.err(`${command}: fix these options:\n${problems.join('\n')}`);
      return 2;
    }
    if (command === 'export') {
      const text = 'text' in result ? result.text : JSON.stringify(result.json, null, 2);
      if (options.has('out')) {
        writeFileSync(options.get('out') as string, text);
        io.err(`wrote ${options.get('out')} (${text.length.toLocaleString('en-US')} characters)`);
      } else {
        io.out(text);
      }
      return 0;
    }
    const body = (result as { json: Record<string, unknown> }).json;
    if (command === 'findings') {
      const findings = body.findings as FindingView[];
      io.out(json ? JSON.stringify(findings, null, 2) : formatFindings(findings, body.continuationToken !== undefined));
    } else if (json) {
      io.out(JSON.stringify(body, null, 2));
    } else if (command === 'graph') {
      io.out(formatGraph(body as never, params.get('center') ?? undefined));
    } else if (command === 'entity') {
      io.out(formatEntity(body as never));
    } else {
      io.out(formatHealth(body as unknown as CollectionHealth));
    }
    return 0;
  } finally {
    await store.close();
  }
}

function run(command: string, positionals: readonly string[], params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  switch (command) {
    case 'findings':
      return findingsHandler(params, deps);
    case 'graph':
      return graphHandler(params, deps);
    case 'entity':
      return entityHandler(positionals[0] as string, positionals[1] as string, params, deps);
    default:
      return healthHandler(params, deps);
  }
}
