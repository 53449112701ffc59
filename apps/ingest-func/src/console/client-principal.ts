// The App Service Authentication principal: `x-ms-client-principal` is base64 JSON
// {auth_typ, name_typ, role_typ, claims: [{typ, val}]} that the platform sets after sign-in and
// strips from incoming requests, so it can be trusted ONLY when App Service Authentication is
// on (WEBSITE_AUTH_ENABLED=True, set by the platform). Roles come from the claims of type
// role_typ (Entra: "roles").
// https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities

export interface ClientPrincipal {
  readonly name: string;
  readonly roles: readonly string[];
}

interface RawPrincipal {
  auth_typ?: unknown;
  name_typ?: unknown;
  role_typ?: unknown;
  claims?: unknown;
}

/** The decoded principal, or undefined when the header is absent or not a principal. */
export function parseClientPrincipal(header: string | null | undefined): ClientPrincipal | undefined {
  if (!header || header.length > 64 * 1024) return undefined;
  let raw: RawPrincipal;
  try {
    raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as RawPrincipal;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.claims)) return undefined;
  const claims = raw.claims.filter(
    (c): c is { typ: string; val: string } => typeof c === 'object' && c !== null && typeof c.typ === 'string' && typeof c.val === 'string',
  );
  const roleType = typeof raw.role_typ === 'string' ? raw.role_typ : 'roles';
  const nameType = typeof raw.name_typ === 'string' ? raw.name_typ : 'name';
  const roles = claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val);
  const name = claims.find((c) => c.typ === nameType)?.val ?? claims.find((c) => c.typ === 'preferred_username')?.val ?? 'unknown';
  return { name, roles: [...new Set(roles)] };
}
