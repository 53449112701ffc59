// Session tokens of the local console: `<payload>.<hmac>` where the payload is base64url JSON
// {sid, exp}. Signed with a secret made at process start (never written anywhere), so a restart
// signs everybody out and no key or secret ever reaches the browser. Signing out revokes the
// session id in this process.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionTokens {
  issue(now: Date): { token: string; maxAgeSeconds: number };
  /** The session id when the token is ours, unexpired and not revoked; undefined otherwise. */
  verify(token: string | undefined, now: Date): string | undefined;
  revoke(token: string | undefined): void;
}

export const SESSION_HOURS = 8;

export function createSessionTokens(secret: Buffer = randomBytes(32), hours = SESSION_HOURS): SessionTokens {
  const revoked = new Set<string>();
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const parse = (token: string | undefined): { sid: string; exp: number } | undefined => {
    if (!token || token.length > 512) return undefined;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sid?: unknown; exp?: unknown };
      return typeof body.sid === 'string' && typeof body.exp === 'number' ? { sid: body.sid, exp: body.exp } : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    issue(now) {
      const maxAgeSeconds = hours * 3600;
      const payload = Buffer.from(JSON.stringify({ sid: randomBytes(16).toString('base64url'), exp: now.getTime() + maxAgeSeconds * 1000 })).toString('base64url');
      return { token: `${payload}.${mac(payload)}`, maxAgeSeconds };
    },
    verify(token, now) {
      const body = parse(token);
      if (!body || body.exp <= now.getTime() || revoked.has(body.sid)) return undefined;
      return body.sid;
    },
    revoke(token) {
      const body = parse(token);
      if (body) revoked.add(body.sid);
    },
  };
}
