import { projectTestConfig } from '../../vitest.preset.mjs';

export default projectTestConfig(import.meta.dirname, 'investigate-cli');
