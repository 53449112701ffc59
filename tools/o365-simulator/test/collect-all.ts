// Lists every window of the last 7 days for a content type over raw HTTP and fetches every blob:
// the reference collector the data and ground-truth tests compare against.
import type { RunningSimulator } from '../src/index';
import { api, DAY } from './helpers';

export interface Listed {
  contentId: string;
  contentUri: string;
  contentCreated: string;
}

export async function listWindow(sim: RunningSimulator, token: string, contentType: string, startMs: number, endMs: number): Promise<Listed[]> {
  const out: Listed[] = [];
  let url: string | undefined =
    `subscriptions/content?contentType=${contentType}&startTime=${new Date(startMs).toISOString()}&endTime=${new Date(endMs).toISOString()}`;
  while (url) {
    const answer = await api(sim, token, url);
    if (answer.status !== 200) throw new Error(`listing failed: ${answer.text}`);
    out.push(...(answer.json as Listed[]));
    url = answer.headers.get('NextPageUri') ?? undefined;
  }
  return out;
}

export async function listLastWeek(sim: RunningSimulator, token: string, contentType: string): Promise<Listed[]> {
  const now = sim.clock.now().getTime();
  const out: Listed[] = [];
  for (let start = now - 7 * DAY + 60_000; start < now; start += DAY) out.push(...(await listWindow(sim, token, contentType, start, Math.min(start + DAY, now + 1))));
  return out;
}

export async function fetchBlob(sim: RunningSimulator, token: string, uri: string): Promise<{ status: number; records: Record<string, unknown>[]; code?: string }> {
  const answer = await api(sim, token, uri);
  if (answer.status !== 200) return { status: answer.status, records: [], code: (answer.json as { error?: { code?: string } }).error?.code };
  return { status: 200, records: answer.json as Record<string, unknown>[] };
}
