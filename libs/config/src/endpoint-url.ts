// Endpoint URLs in settings are roots (scheme+host[:port]). Plain http is allowed only for
// loopback hosts (the simulator, local Cosmos-protocol servers): anything else would send
// tokens or keys in clear text.

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export type EndpointCheck = { ok: true; origin: string; loopback: boolean } | { ok: false; problem: string };

/** Parses a root URL; the result's origin has no trailing slash. */
export function checkEndpointUrl(text: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `"${text}" is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: `"${text}" must start with https://` };
  }
  if (url.username || url.password) return { ok: false, problem: 'must not carry credentials' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, problem: `"${text}" must be scheme+host[:port] only, without a path or query` };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return { ok: false, problem: `"${text}" uses http, which is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]); use https` };
  }
  return { ok: true, origin: url.origin, loopback };
}
