export { FUNCTION_KEY, SYSTEM_KEY, freePort, getInstance, management, repoRoot, sleep, startHostProcess, waitFor, type HostProcess, type InstanceStatus } from './host-process';
