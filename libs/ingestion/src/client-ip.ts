// Client addresses as the API writes them (ClientIP, ClientIPAddress, ActorIpAddress): IPv4 with
// a port, IPv6 in brackets with or without a port, IPv4-mapped IPv6, host names. Stored as a bare
// address so that one address is one value in queries and graphs.
import { isIP } from 'node:net';

const BRACKETED = /^\[([^\]]*)\](?::(\d{1,5}))?$/;
const WITH_PORT = /^([^:]+):(\d{1,5})$/;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/** "1.2.3.4:56" -> 1.2.3.4, "[::1]:8" -> ::1, ::ffff:1.2.3.4 -> 1.2.3.4; host names and garbage -> null. */
export function normalizeIp(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let value = raw.trim();
  const bracketed = BRACKETED.exec(value);
  if (bracketed) value = bracketed[1] ?? '';
  else {
    // Only one colon: host:port. A bare IPv6 address has two or more and is left alone.
    const withPort = WITH_PORT.exec(value);
    if (withPort) value = withPort[1] ?? '';
  }
  switch (isIP(value)) {
    case 4:
      return value;
    case 6:
      return canonicalIpv6(value);
    default:
      return null;
  }
}

function canonicalIpv6(address: string): string {
  let canonical = address.toLowerCase();
  try {
    // The WHATWG URL parser writes IPv6 in its RFC 5952 form (lower case, longest zero run
    // compressed, ::ffff:1.2.3.4 as ::ffff:102:304), so "2001:DB8:0:0::1" and "2001:db8::1" are one
    // address and every IPv4-mapped form reaches the one check below.
    canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    // Zone ids ("fe80::1%eth0") are not URL hosts: keep the lower-cased text.
  }
  const hex = MAPPED_HEX.exec(canonical);
  if (hex) {
    const high = parseInt(hex[1] ?? '0', 16);
    const low = parseInt(hex[2] ?? '0', 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return canonical;
}
