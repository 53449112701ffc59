export { startLocalHost, type LocalHost, type LocalHostOptions } from './local-host';
export { LocalHostError, isLocalHostError } from './local-host-error';
export { setClockOffset } from './clock';
export { lockDataDirectory, type DataDirLock } from './data-dir-lock';
