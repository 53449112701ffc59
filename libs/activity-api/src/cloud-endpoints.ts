// Where each Microsoft cloud serves the Management Activity API and its tokens, and the token
// scope that follows from the API host. A custom base URL and authority (the simulator, tests)
// override the cloud's hosts.

export type CloudName = 'Enterprise' | 'GCC' | 'GCCHigh' | 'DoD' | 'Custom';

export interface CloudEndpoints {
  /** API root: scheme + host[:port], no trailing slash. */
  readonly apiBaseUrl: string;
  /** Token authority: scheme + host[:port], no trailing slash. */
  readonly authorityHost: string;
}

/** The four public clouds (o365-api.md, "Hosts per cloud"). */
export const CLOUD_ENDPOINTS: Readonly<Record<Exclude<CloudName, 'Custom'>, CloudEndpoints>> = Object.freeze({
  Enterprise: { apiBaseUrl: 'https://manage.office.com', authorityHost: 'https://login.microsoftonline.com' },
  GCC: { apiBaseUrl: 'https://manage-gcc.office.com', authorityHost: 'https://login.microsoftonline.com' },
  GCCHigh: { apiBaseUrl: 'https://manage.office365.us', authorityHost: 'https://login.microsoftonline.us' },
  DoD: { apiBaseUrl: 'https://manage.protection.apps.mil', authorityHost: 'https://login.microsoftonline.us' },
});

export interface ResolveEndpointsOptions {
  readonly cloud?: CloudName;
  readonly apiBaseUrl?: string;
  readonly authorityHost?: string;
}

/** Resolves the cloud's endpoints, letting explicit URLs win; throws TypeError naming a bad option. */
export function resolveEndpoints(options: ResolveEndpointsOptions): CloudEndpoints {
  const cloud = options.cloud ?? (options.apiBaseUrl ? 'Custom' : 'Enterprise');
  if (cloud !== 'Custom' && !(cloud in CLOUD_ENDPOINTS)) {
    throw new TypeError(`Unknown cloud "${cloud}": use Enterprise, GCC, GCCHigh, DoD or Custom.`);
  }
  const defaults = cloud === 'Custom' ? undefined : CLOUD_ENDPOINTS[cloud];
  const apiBaseUrl = options.apiBaseUrl ?? defaults?.apiBaseUrl;
  const authorityHost = options.authorityHost ?? defaults?.authorityHost;
  if (!apiBaseUrl) throw new TypeError('cloud "Custom" needs apiBaseUrl (scheme://host[:port]).');
  return {
    apiBaseUrl: normalizeOrigin(apiBaseUrl, 'apiBaseUrl'),
    authorityHost: authorityHost ? normalizeOrigin(authorityHost, 'authorityHost') : '',
  };
}

/** The token scope for an API root: `https://{apiHost}/.default` (and the same shape for a custom root). */
export function tokenScopeFor(apiBaseUrl: string): string {
  return `${normalizeOrigin(apiBaseUrl, 'apiBaseUrl')}/.default`;
}

/** The API's root for one tenant: `{base}/api/v1.0/{tenantId}/activity/feed`. */
export function feedRootFor(apiBaseUrl: string, tenantId: string): string {
  return `${normalizeOrigin(apiBaseUrl, 'apiBaseUrl')}/api/v1.0/${encodeURIComponent(tenantId)}/activity/feed`;
}

function normalizeOrigin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} "${value}" is not a URL: give scheme://host[:port], e.g. https://manage.office.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} "${value}" must use https (or http for a local simulator).`);
  }
  return url.origin;
}
