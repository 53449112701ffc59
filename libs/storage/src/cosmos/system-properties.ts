// Cosmos DB adds system properties to every stored item; the stores return domain objects only.
const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn'];

export function withoutSystemProperties(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...item };
  for (const name of SYSTEM_PROPERTIES) delete copy[name];
  return copy;
}
