// Keeps one access token per client until shortly before it expires, and makes concurrent callers
// share one refresh. Tokens are never logged or put in error messages.
import type { AccessToken, TokenCredential } from '@azure/identity';
import { abortable } from './abortable-sleep';
import { ManagementApiError } from './management-api-error';
import { takeTokenRedirectRefusal } from './token-redirect-policy';

/** Refresh this long before expiry, so a token never expires in flight. */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 1000;

export class TokenCache {
  private token: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(abortSignal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.refreshAt(this.token)) return this.token.token;
    // One refresh for all callers; it is not tied to any caller's signal (one caller giving up
    // must not fail the others), but each caller stops waiting when its own signal aborts.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return (await abortable(this.pending, abortSignal)).token;
  }

  /** Forgets the token (e.g. after the API refused it). */
  clear(): void {
    this.token = undefined;
  }

  private refreshAt(token: AccessToken): number {
    return Math.min(token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY, token.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS);
  }

  private async fetchToken(): Promise<AccessToken> {
    let token: AccessToken | null;
    takeTokenRedirectRefusal(this.credential);
    try {
      token = await this.credential.getToken(this.scope);
    } catch (error) {
      if (error instanceof ManagementApiError) throw error;
      // A refused redirect of the authority is that, not a bad secret: report it as itself.
      const refusal = takeTokenRedirectRefusal(this.credential);
      if (refusal) throw refusal;
      // The authority answering 429/5xx is an outage worth a retry; anything else (bad secret,
      // unreachable or untrusted authority after identity's own retries) needs a person.
      const status = (error as { statusCode?: unknown }).statusCode;
      const transient = typeof status === 'number' && (status === 429 || status >= 500);
      throw new ManagementApiError({
        code: 'AuthenticationFailed',
        category: transient ? 'transient' : 'fatal',
        operation: 'Getting an access token',
        // statusCode stays unset: it is the API's status, and the authority is not the API.
        apiMessage: `${typeof status === 'number' ? `the authority answered HTTP ${status}: ` : ''}${error instanceof Error ? error.message : String(error)}`,
        action: `check the credential (client id, secret or certificate, managed identity) and that it may request the scope ${this.scope}`,
        cause: error,
      });
    }
    if (!token) {
      throw new ManagementApiError({
        code: 'AuthenticationFailed',
        category: 'fatal',
        operation: 'Getting an access token',
        apiMessage: 'the credential returned no token',
        action: `check the credential and that it may request the scope ${this.scope}`,
      });
    }
    this.token = token;
    return token;
  }
}
