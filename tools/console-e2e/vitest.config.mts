import { projectTestConfig } from '../../vitest.preset.mjs';

// One browser, one host: the files share them through the harness, so they run in one worker.
const config = projectTestConfig(import.meta.dirname, 'console-e2e');
export default { ...config, test: { ...config.test, fileParallelism: false, testTimeout: 120_000, hookTimeout: 300_000 } };
