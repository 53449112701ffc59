// Opaque bearer tokens issued by the simulated authority, each bound to one tenant. Expiry is on
// real time (not the simulator clock): a clock jump of days must not turn live tokens into 401s,
// as the real service's tokens do not expire because audit data got older.
import { randomBytes } from 'node:crypto';

export const TOKEN_LIFETIME_S = 3599;

interface Issued {
  readonly tenantId: string;
  readonly expiresAtMs: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, Issued>();

  issue(tenantId: string): { accessToken: string; expiresIn: number } {
    const now = Date.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAtMs <= now) this.tokens.delete(token);
    const accessToken = `sim.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, { tenantId, expiresAtMs: now + TOKEN_LIFETIME_S * 1000 });
    return { accessToken, expiresIn: TOKEN_LIFETIME_S };
  }

  /** The tenant a live token was issued for; undefined for unknown or expired tokens. */
  tenantOf(accessToken: string): string | undefined {
    const issued = this.tokens.get(accessToken);
    if (!issued || issued.expiresAtMs <= Date.now()) return undefined;
    return issued.tenantId;
  }
}
