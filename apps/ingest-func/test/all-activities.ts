// Every row of the activity table with its body: a row without a body (or a body of another
// workflow's folder forgotten here) is a compile error. Tests register these like main.ts does.
import { COLLECT_ACTIVITIES } from '../src/collect/collect-activities';
import { INVESTIGATE_ACTIVITIES } from '../src/investigate/investigate-activities';
import type { ActivityBodies } from '../src/shared/register-activities';

export const ALL_ACTIVITIES: ActivityBodies = { ...COLLECT_ACTIVITIES, ...INVESTIGATE_ACTIVITIES };
