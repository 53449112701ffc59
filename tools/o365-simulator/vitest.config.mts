import { projectTestConfig } from '../../vitest.preset.mjs';

export default projectTestConfig(import.meta.dirname, 'o365-simulator');
