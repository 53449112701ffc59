// How long the API asks us to wait. Sources, first found wins: `retry-after-ms` /
// `x-ms-retry-after-ms` (milliseconds), `Retry-After` (seconds or an HTTP date), then the text the
// API puts in throttling messages: "Please retry again after 8m 46s".

const RETRY_TEXT = /retry(?:\s+again)?\s+after\s+(?:(\d+)\s*h\s*)?(?:(\d+)\s*m\s*)?(?:(\d+)\s*s)?/i;

export function retryAfterFromHeaders(headers: Headers, nowInMs: number): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name) ?? Number.NaN);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowInMs);
}

export function retryAfterFromMessage(message: string | undefined): number | undefined {
  const match = message ? RETRY_TEXT.exec(message) : null;
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  return (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}

/** "Too many frequent subscription start requests": the 15-minute start guard, never retried here. */
export function isSubscriptionStartGuard(message: string | undefined): boolean {
  return message !== undefined && /too many frequent subscription start/i.test(message);
}
