// The API root and token authority a client uses, from libs/config's one table of clouds (CLOUDS:
// hosts per cloud, tokenScopeFor). A custom base URL and authority (the simulator, tests) override
// the cloud's hosts.
import { CLOUDS, isCloudName, type CloudName } from '@auditflow/config';

export interface CloudEndpoints {
  /** API root: scheme + host[:port], no trailing slash. */
  readonly apiBaseUrl: string;
  /** Token authority: scheme + host[:port], no trailing slash ('' when neither cloud nor option names one). */
  readonly authorityHost: string;
}

export interface ResolveEndpointsOptions {
  readonly cloud?: CloudName;
  readonly apiBaseUrl?: string;
  readonly authorityHost?: string;
}

/** Resolves the cloud's endpoints, letting explicit URLs win; throws TypeError naming a bad option. */
export function resolveEndpoints(options: ResolveEndpointsOptions): CloudEndpoints {
  const cloud = options.cloud ?? (options.apiBaseUrl ? 'Custom' : 'Enterprise');
  if (!isCloudName(cloud)) {
    throw new TypeError(`Unknown cloud "${String(cloud)}": use Enterprise, GCC, GCCHigh, DoD or Custom.`);
  }
  const hosts = cloud === 'Custom' ? undefined : CLOUDS[cloud];
  const apiBaseUrl = options.apiBaseUrl ?? (hosts ? `https://${hosts.apiHost}` : undefined);
  const authorityHost = options.authorityHost ?? (hosts ? `https://${hosts.authorityHost}` : undefined);
  if (!apiBaseUrl) throw new TypeError('cloud "Custom" needs apiBaseUrl (scheme://host[:port]).');
  return {
    apiBaseUrl: normalizeOrigin(apiBaseUrl, 'apiBaseUrl'),
    authorityHost: authorityHost ? normalizeOrigin(authorityHost, 'authorityHost') : '',
  };
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
