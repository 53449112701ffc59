// A HandlerResult as the Functions response (JSON body, or a file with its content type).
import type { HttpResponseInit } from '@azure/functions';
import type { HandlerResult } from './handler-result';

export function toHttpResponse(result: HandlerResult): HttpResponseInit {
  if ('json' in result) return { status: result.status, jsonBody: result.json, headers: { 'cache-control': 'no-store', ...result.headers } };
  return { status: result.status, body: result.text, headers: { 'content-type': result.contentType, 'cache-control': 'no-store', ...result.headers } };
}
