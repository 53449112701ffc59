// The HTTP functions' last line of defence: what a handler throws becomes a JSON 500 that says
// what is wrong, never a bare host error page.
import type { HttpResponseInit } from '@azure/functions';
import { isConfigError } from '@auditflow/config';
import type { Logger } from './activity-deps';

/** A config problem or an unexpected failure becomes a 500 JSON body that says what is wrong. */
export async function guarded(log: Logger, handle: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await handle();
  } catch (error) {
    if (isConfigError(error)) {
      log.error('configuration invalid', { problems: error.problems });
      return { status: 500, jsonBody: { error: 'InvalidConfig', message: 'the app settings are invalid: fix them and restart', problems: error.problems } };
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error('request failed', { message });
    return { status: 500, jsonBody: { error: (error as { code?: string } | null)?.code ?? 'InternalError', message } };
  }
}
