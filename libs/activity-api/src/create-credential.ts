// Builds the @azure/identity credential for an auth mode. Custom authorities (a simulator, a
// sovereign login host) get `authorityHost` and `disableInstanceDiscovery`; an extra CA
// (`authorityCaPem`) is trusted for the token authority ONLY, through a per-call pipeline policy
// that gives identity's HTTP requests their own https.Agent (never process-wide).
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { AUTH_MODES, GLOBAL_TOKEN_EXCHANGE_AUDIENCE, type AuthMode } from '@auditflow/config';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type ClientSecretCredentialOptions,
  type TokenCredential,
} from '@azure/identity';
import { rememberTokenRedirects, tokenRedirectPolicy, type TokenRedirectState } from './token-redirect-policy';

export interface CreateCredentialOptions {
  readonly authMode: AuthMode;
  readonly tenantId: string;
  /** App registration (federated, secret, certificate) or user-assigned managed identity client id. */
  readonly clientId?: string;
  /** federated-credential only: the user-assigned identity whose token is the client assertion. */
  readonly managedIdentityClientId?: string;
  /** federated-credential only: the audience of that token (tokenExchangeAudienceFor(cloud); default the global one). */
  readonly tokenExchangeAudience?: string;
  /** client-secret only. */
  readonly clientSecret?: string;
  /** client-certificate only: a PEM file holding the private key and the certificate. */
  readonly clientCertificatePath?: string;
  /** Token authority root, e.g. https://login.microsoftonline.us or a simulator's https://127.0.0.1:PORT. */
  readonly authorityHost?: string;
  /** PEM text of an extra CA trusted for the authority only. */
  readonly authorityCaPem?: string;
  /** Or the path of that PEM file (read once, here). */
  readonly authorityCaPath?: string;
}

type PipelinePolicyEntry = NonNullable<ClientSecretCredentialOptions['additionalPolicies']>[number];

/** The additionalPolicies entry that makes identity's requests trust `caPem` (in addition to nothing else). */
export function authorityCaPolicy(caPem: string): PipelinePolicyEntry {
  const agent = new Agent({ ca: caPem, keepAlive: true });
  return {
    position: 'perCall',
    policy: {
      name: 'auditflowAuthorityCa',
      sendRequest(request, next) {
        request.agent = agent;
        return next(request);
      },
    },
  };
}

export function createCredential(options: CreateCredentialOptions): TokenCredential {
  if (!(AUTH_MODES as readonly string[]).includes(options.authMode)) {
    throw new TypeError(`authMode "${String(options.authMode)}" is not supported: use ${AUTH_MODES.join(', ')}.`);
  }
  const tenantId = required(options.tenantId, 'tenantId', 'the tenant GUID');
  const redirects: TokenRedirectState = {};
  const redirectPolicy = tokenRedirectPolicy(redirects);
  const caPem = options.authorityCaPem ?? (options.authorityCaPath ? readFileSync(options.authorityCaPath, 'utf8') : undefined);
  const common: ClientSecretCredentialOptions = {
    ...(options.authorityHost ? { authorityHost: options.authorityHost, disableInstanceDiscovery: isCustomAuthority(options.authorityHost) } : {}),
    // identity's own redirect following is off; tokenRedirectPolicy follows within the origin only.
    redirectOptions: { maxRetries: 0 },
    additionalPolicies: [redirectPolicy, ...(caPem ? [authorityCaPolicy(caPem)] : [])],
  };
  // The identity endpoint gets the same redirect rule (its own origin only), not the authority's CA.
  const identityEndpoint = { redirectOptions: { maxRetries: 0 }, additionalPolicies: [redirectPolicy] };
  const credential = build(options, tenantId, common, identityEndpoint);
  rememberTokenRedirects(credential, redirects);
  return credential;
}

function build(
  options: CreateCredentialOptions,
  tenantId: string,
  common: ClientSecretCredentialOptions,
  identityEndpoint: Pick<ClientSecretCredentialOptions, 'redirectOptions' | 'additionalPolicies'>,
): TokenCredential {
  switch (options.authMode) {
    case 'client-secret':
      return new ClientSecretCredential(
        tenantId,
        required(options.clientId, 'clientId', "the app registration's client id"),
        required(options.clientSecret, 'clientSecret', "the app registration's client secret"),
        common,
      );
    case 'client-certificate':
      return new ClientCertificateCredential(
        tenantId,
        required(options.clientId, 'clientId', "the app registration's client id"),
        { certificatePath: required(options.clientCertificatePath, 'clientCertificatePath', 'a PEM file with the private key and certificate') },
        common,
      );
    case 'managed-identity':
      // The managed identity endpoint is local to the host; authority settings do not apply.
      return new ManagedIdentityCredential({ ...(options.clientId ? { clientId: options.clientId } : {}), ...identityEndpoint });
    case 'federated-credential': {
      // The app registration's client assertion is the user-assigned identity's token for the
      // token-exchange audience, which its federated identity credential trusts: no secret and no
      // certificate exist anywhere. identity caches both tokens.
      const identity = new ManagedIdentityCredential({
        clientId: required(options.managedIdentityClientId, 'managedIdentityClientId', 'the user-assigned identity the federated credential trusts'),
        ...identityEndpoint,
      });
      const audience = `${options.tokenExchangeAudience ?? GLOBAL_TOKEN_EXCHANGE_AUDIENCE}/.default`;
      return new ClientAssertionCredential(
        tenantId,
        required(options.clientId, 'clientId', "the app registration's client id"),
        async () => {
          const token = await identity.getToken(audience);
          if (!token) throw new Error(`the managed identity returned no token for ${audience}`);
          return token.token;
        },
        common,
      );
    }
  }
}

/** Microsoft's own login hosts are known to MSAL; anything else must skip instance discovery. */
function isCustomAuthority(authorityHost: string): boolean {
  const host = new URL(authorityHost).hostname.toLowerCase();
  return !['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn'].includes(host);
}

function required(value: string | undefined, name: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${name} is required for this authMode: give ${what}.`);
  }
  return value;
}
