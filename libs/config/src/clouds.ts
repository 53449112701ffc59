// Hosts of each Microsoft 365 cloud (o365-api.md). `Custom` has none: its URLs come from settings
// (the simulator, a proxy), so the same code talks to any of them.

export const CLOUD_NAMES = ['Enterprise', 'GCC', 'GCCHigh', 'DoD', 'Custom'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];
export type KnownCloudName = Exclude<CloudName, 'Custom'>;

export interface CloudHosts {
  /** Host of the Management Activity API; the token scope is `https://{apiHost}/.default`. */
  readonly apiHost: string;
  /** Host of the token authority (Entra ID). */
  readonly authorityHost: string;
}

export const CLOUDS: Readonly<Record<KnownCloudName, CloudHosts>> = Object.freeze({
  Enterprise: Object.freeze({ apiHost: 'manage.office.com', authorityHost: 'login.microsoftonline.com' }),
  GCC: Object.freeze({ apiHost: 'manage-gcc.office.com', authorityHost: 'login.microsoftonline.com' }),
  GCCHigh: Object.freeze({ apiHost: 'manage.office365.us', authorityHost: 'login.microsoftonline.us' }),
  DoD: Object.freeze({ apiHost: 'manage.protection.apps.mil', authorityHost: 'login.microsoftonline.us' }),
});

export function isCloudName(value: unknown): value is CloudName {
  return typeof value === 'string' && (CLOUD_NAMES as readonly string[]).includes(value);
}

/** The OAuth scope for an API base URL (scheme+host[:port], no trailing slash). */
export function tokenScopeFor(apiBaseUrl: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/.default`;
}
