// XML text and attribute values: escaped, and characters XML 1.0 cannot carry at all (control
// characters other than tab, newline, carriage return; lone surrogates) replaced by U+FFFD, so an
// audit record's odd bytes never make an export unreadable.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xml(value: string | number | boolean): string {
  return String(value)
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
