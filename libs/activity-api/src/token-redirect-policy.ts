// Redirects of token requests (CONTRACTS.md C2). @azure/identity's pipeline has its own redirect
// policy (up to 20 hops, same origin by default, and silently hands back the 3xx when it declines,
// which MSAL then reports as an unexplained failure). createCredential turns that policy off
// (`redirectOptions.maxRetries: 0`) and adds this one, which applies the client's one rule
// (redirects.ts): the origin the request went to only, at most MAX_REDIRECTS hops, else a typed
// UntrustedRedirect / TooManyRedirects naming both origins.
import type { ClientSecretCredentialOptions } from '@azure/identity';
import type { ManagementApiError } from './management-api-error';
import { isRedirectStatus, redirectTarget } from './redirects';

type PipelinePolicyEntry = NonNullable<ClientSecretCredentialOptions['additionalPolicies']>[number];

export const TOKEN_OPERATION = 'Getting an access token';

/**
 * identity and MSAL replace whatever a policy throws with a bare "network_error", so the policy
 * also keeps its last refusal here, keyed by the credential, for TokenCache to report.
 */
export interface TokenRedirectState {
  refusal?: ManagementApiError;
}

const states = new WeakMap<object, TokenRedirectState>();

export function rememberTokenRedirects(credential: object, state: TokenRedirectState): void {
  states.set(credential, state);
}

/** The redirect refusal behind a failed getToken of this credential (and forgets it). */
export function takeTokenRedirectRefusal(credential: object): ManagementApiError | undefined {
  const state = states.get(credential);
  const refusal = state?.refusal;
  if (state) state.refusal = undefined;
  return refusal;
}

export function tokenRedirectPolicy(state: TokenRedirectState = {}): PipelinePolicyEntry {
  return {
    // perCall = outside the retry policy: each hop is one request with identity's own retries.
    position: 'perCall',
    policy: {
      name: 'auditflowTokenRedirects',
      async sendRequest(request, next) {
        const allowedOrigin = new URL(request.url).origin;
        let response = await next(request);
        for (let hops = 0; isRedirectStatus(response.status); hops += 1) {
          let hop;
          try {
            hop = redirectTarget(response.status, response.headers.get('location') ?? null, request.url, request.method, {
              operation: TOKEN_OPERATION,
              allowedOrigin,
              hops,
            });
          } catch (error) {
            state.refusal = error as ManagementApiError;
            throw error;
          }
          if (!hop) return response;
          request.url = hop.url;
          if (hop.method === 'GET') {
            request.method = 'GET';
            request.body = undefined;
            request.headers.delete('content-length');
            request.headers.delete('content-type');
          }
          response = await next(request);
        }
        return response;
      },
    },
  };
}
