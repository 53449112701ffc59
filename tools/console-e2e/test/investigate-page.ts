// What the Investigate tests share: the BEC story's entities (from the simulator's ground truth)
// and a click on a node of the sigma canvas at the screen point where the renderer drew it.
import type { StoryTruth } from '@auditflow/o365-simulator';
import type { Page } from 'playwright-core';

const DAY = 86_400_000;

export interface BecStory {
  readonly story: StoryTruth;
  readonly user: string;
  /** The outside address the inbox rule forwards to (a user node). */
  readonly destination: string;
  /** The attacker's address (the new-country sign-in). */
  readonly ip: string;
  /** The event ids of the rule and of the sign-in. */
  readonly ruleEvent: string;
  readonly signInEvent: string;
  /** `from=...&to=...` around the story. */
  readonly range: string;
}

export function becStory(truths: readonly StoryTruth[], now = Date.now()): BecStory {
  const story = truths.find((s) => s.story === 'business-email-compromise');
  if (!story) throw new Error('the simulator seeded no business-email-compromise story (start it with stories: true)');
  const finding = (indicator: string) => {
    const f = story.findings.find((x) => x.indicator === indicator);
    if (!f) throw new Error(`the BEC story has no ${indicator} finding`);
    return f;
  };
  const forwarding = finding('mail-forwarding-external');
  const country = finding('signin-new-country');
  const range = `from=${new Date(Date.parse(story.start) - DAY).toISOString()}&to=${new Date(Math.min(now, Date.parse(story.end) + DAY)).toISOString()}`;
  return {
    story,
    user: forwarding.entities[0]!,
    destination: forwarding.entities[1]!,
    ip: country.entities.find((e) => e.startsWith('ip:'))!,
    ruleEvent: forwarding.evidenceIds[0]!,
    signInEvent: country.evidenceIds[0]!,
    range,
  };
}

interface GraphHook {
  position(id: string): { x: number; y: number } | undefined;
}

/**
 * Clicks node `id` where sigma drew it (sigma renders to a canvas: there is no element to click).
 * The canvas is scrolled into view first, and the point must be inside it and the viewport.
 */
export async function clickNodeOnCanvas(page: Page, id: string): Promise<void> {
  const canvas = page.locator('.graph-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const at = await page.evaluate((node) => (window as unknown as { auditflowGraph?: GraphHook }).auditflowGraph?.position(node), id);
  if (!at) throw new Error(`node ${id} is not drawn on the canvas`);
  const box = await canvas.boundingBox();
  const view = page.viewportSize()!;
  if (!box || at.x < box.x || at.y < box.y || at.x > box.x + box.width || at.y > box.y + box.height || at.y > view.height || at.x > view.width) {
    throw new Error(`node ${id} is drawn at ${JSON.stringify(at)}, outside the visible canvas ${JSON.stringify(box)}`);
  }
  await page.mouse.click(at.x, at.y);
}

/** The node ids the page lists (the canvas's keyboard twin draws the same graph). */
export async function listedNodes(page: Page): Promise<string[]> {
  return page.locator('.node-list button[data-node]').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.node!));
}
