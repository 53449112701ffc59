// Timestamps of the API. Records carry CreationTime in UTC WITHOUT a zone
// ("2015-06-29T20:03:19"); other sources add a Z, an offset, a space instead of the T or up to
// nine fraction digits. All of them are read as UTC unless they say otherwise, never as local
// time (Date.parse would read a zone-less date-time in the process's time zone).

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Epoch milliseconds of a timestamp string, or null when it is not a valid one. */
export function parseUtcMs(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Fractions beyond milliseconds are truncated: the store keeps milliseconds.
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null; // 2026-02-30
  let ms = date.getTime();
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
    ms += sign === '+' ? -offset : offset;
  }
  return Number.isNaN(ms) ? null : ms;
}

/** "2015-06-29T20:03:19" -> "2015-06-29T20:03:19.000Z"; null when raw is not a timestamp. */
export function normalizeCreationTime(raw: unknown): string | null {
  const ms = parseUtcMs(raw);
  if (ms === null) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // toISOString switches to a 6-digit year outside 0000..9999: not a time an audit record has.
  if (year < 0 || year > 9999) return null;
  return date.toISOString();
}
