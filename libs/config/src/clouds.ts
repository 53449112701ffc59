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
  /**
   * Audience of a managed identity's token used as a federated client assertion (Microsoft Learn,
   * "Configure an application to trust a managed identity": api://AzureADTokenExchange for the
   * global cloud, api://AzureADTokenExchangeUSGov for US Government).
   */
  readonly tokenExchangeAudience: string;
}

export const GLOBAL_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

export const CLOUDS: Readonly<Record<KnownCloudName, CloudHosts>> = Object.freeze({
  Enterprise: Object.freeze({ apiHost: 'manage.office.com', authorityHost: 'login.microsoftonline.com', tokenExchangeAudience: GLOBAL_TOKEN_EXCHANGE_AUDIENCE }),
  GCC: Object.freeze({ apiHost: 'manage-gcc.office.com', authorityHost: 'login.microsoftonline.com', tokenExchangeAudience: GLOBAL_TOKEN_EXCHANGE_AUDIENCE }),
  GCCHigh: Object.freeze({ apiHost: 'manage.office365.us', authorityHost: 'login.microsoftonline.us', tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov' }),
  DoD: Object.freeze({ apiHost: 'manage.protection.apps.mil', authorityHost: 'login.microsoftonline.us', tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov' }),
});

export function isCloudName(value: unknown): value is CloudName {
  return typeof value === 'string' && (CLOUD_NAMES as readonly string[]).includes(value);
}

/** THE OAuth scope for an API root: `{scheme://host[:port]}/.default` (path and trailing slash dropped). */
export function tokenScopeFor(apiBaseUrl: string): string {
  return `${new URL(apiBaseUrl).origin}/.default`;
}

/** The token-exchange audience of a cloud (Custom, e.g. the simulator: the global one). */
export function tokenExchangeAudienceFor(cloud: CloudName): string {
  return cloud === 'Custom' ? GLOBAL_TOKEN_EXCHANGE_AUDIENCE : CLOUDS[cloud].tokenExchangeAudience;
}
