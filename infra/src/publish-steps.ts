// The shell steps of the publish commands, read from infra/scripts/ (lib.sh first). This file sits
// one folder below infra/ both as source (src/) and bundled (dist/), so `../scripts` holds for both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PUBLISH_STEPS = ['upload-package', 'delete-package', 'sync-triggers', 'flex-publish'] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

export const SCRIPTS_DIR = join(__dirname, '..', 'scripts');

/** The whole script of one step: the shared helpers, then the step. */
export function publishScript(step: PublishStep): string {
  return `${readFileSync(join(SCRIPTS_DIR, 'lib.sh'), 'utf8')}\n${readFileSync(join(SCRIPTS_DIR, `${step}.sh`), 'utf8')}`;
}
