// What every investigation handler returns: plain data the Functions registration (or the
// console's) turns into an HTTP response. JSON bodies, or a file with its content type.
import type { ParamProblem } from './query-params';

export type HandlerResult =
  | { readonly status: number; readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly status: number; readonly text: string; readonly contentType: string; readonly headers?: Readonly<Record<string, string>> };

export function badRequest(problems: readonly ParamProblem[]): HandlerResult {
  return {
    status: 400,
    json: {
      error: 'InvalidParameters',
      message: `fix these parameters: ${problems.map((p) => `${p.parameter} (${p.message})`).join('; ')}`,
      problems,
    },
  };
}

export function notFound(message: string): HandlerResult {
  return { status: 404, json: { error: 'NotFound', message } };
}

export function ok(json: unknown): HandlerResult {
  return { status: 200, json };
}
