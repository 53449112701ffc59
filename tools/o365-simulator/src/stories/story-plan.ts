// Which stories happen when: placed across the simulated history (off by default; the `stories`
// option / --stories flag turns them on), as a pure function of the seed, the directory and the
// history window, so the ground truth is known without serving anything.
import type { ContentType } from '@auditflow/ingestion';
import type { TenantDirectory } from '../tenant-directory';
import { becStory } from './bec';
import { adminRoleStory, consentStory, dlpLeakStory, sprayStory } from './other-stories';
import type { Story, StoryRecord, StoryTruth } from './story-model';
import { StoryWriter } from './story-records';

const HOUR = 3_600_000;
/** The newest events are published up to 12 h after their hour: stories end before start - 13 h. */
const PUBLISH_MARGIN = 13 * HOUR;
/** The BEC victim needs a day of history before the attack (the indicators' learning period). */
const BEC_EARLIEST = 26 * HOUR;

export interface StoryPlan {
  readonly truths: readonly StoryTruth[];
  /** Records of one (content type, hour slot), in time order. */
  recordsOf(contentType: ContentType, slot: number): readonly StoryRecord[];
  readonly size: number;
}

export const EMPTY_PLAN: StoryPlan = { truths: [], recordsOf: () => [], size: 0 };

export function planStories(seed: number, directory: TenantDirectory, historyStartMs: number, startMs: number): StoryPlan {
  const span = startMs - PUBLISH_MARGIN - historyStartMs;
  if (span < BEC_EARLIEST + 4 * HOUR) {
    throw new RangeError(`stories need at least 2 days of history (days >= 2); this tenant has ${((startMs - historyStartMs) / 86_400_000).toFixed(2)}`);
  }
  const users = directory.users;
  const pick = (i: number) => users[i % users.length]!;
  const admin = users.find((u) => u.userType === 2) ?? pick(3);
  const oneDrive = directory.sites.find((s) => s.workload === 'OneDrive') ?? directory.sites[0]!;
  const finance = directory.sites.find((s) => s.url.includes('/Finance/')) ?? directory.sites[0]!;
  const at = (f: number) => historyStartMs + Math.floor(f * span);
  const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
  const w = (name: string) => new StoryWriter(directory, seed, name);
  const victim = pick(1);
  const stories: Story[] = [
    becStory(w('bec'), victim, directory.sites.find((s) => s.workload === 'OneDrive' && s.url.includes(victim.upn.split('@')[0]!.replace(/\./g, '_'))) ?? oneDrive, floorTo(Math.max(historyStartMs + BEC_EARLIEST, at(0.55)), HOUR), historyStartMs + 30 * 60_000),
    consentStory(w('consent'), pick(2), at(0.35)),
    sprayStory(w('spray'), directory, floorTo(at(0.7), 5 * 60_000)),
    adminRoleStory(w('admin-role'), admin, pick(4) === admin ? pick(5) : pick(4), at(0.8)),
    dlpLeakStory(w('dlp-leak'), pick(6) === admin ? pick(7) : pick(6), finance, at(0.45)),
  ];
  const bySlot = new Map<string, StoryRecord[]>();
  let size = 0;
  for (const s of stories) {
    for (const r of s.records) {
      const key = `${r.contentType}|${Math.floor(r.timeMs / HOUR)}`;
      const list = bySlot.get(key) ?? [];
      list.push(r);
      bySlot.set(key, list);
      size += 1;
    }
  }
  for (const list of bySlot.values()) list.sort((a, b) => a.timeMs - b.timeMs);
  return {
    truths: stories.map((s) => s.truth),
    recordsOf: (contentType, slot) => bySlot.get(`${contentType}|${slot}`) ?? [],
    size,
  };
}
