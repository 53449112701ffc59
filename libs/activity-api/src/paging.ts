// Following the API's pages and putting PublisherIdentifier on every URL (it selects the
// throttling pool; next-page and blob URLs come without it).

/** The next page's URL: header `NextPageUri`, or `NextPageUrl` as the troubleshooting page calls it. */
export function nextPageLink(headers: Headers): string | undefined {
  // Headers.get is case-insensitive, so 'nextpageuri' and 'NEXTPAGEURL' are found too.
  const value = headers.get('NextPageUri') ?? headers.get('NextPageUrl');
  return value?.trim() || undefined;
}

/** Adds PublisherIdentifier with `&` when the URL has a query, `?` when not; never twice. */
export function withPublisherIdentifier(url: string, publisherIdentifier: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart >= 0) {
    const query = url.slice(queryStart + 1).split('#')[0] ?? '';
    const present = query.split('&').some((pair) => pair.split('=')[0]?.toLowerCase() === 'publisheridentifier');
    if (present) return url;
  }
  const separator = queryStart < 0 ? '?' : url.endsWith('?') || url.endsWith('&') ? '' : '&';
  return `${url}${separator}PublisherIdentifier=${encodeURIComponent(publisherIdentifier)}`;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextPageUri?: string;
}

/** Pages as an async iterable, built from getPage(link) -> {items, nextPageUri} (core-paging's shape). */
export async function* iteratePages<T>(
  getPage: (nextPageUri: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T[], void, undefined> {
  let link: string | undefined;
  do {
    const page = await getPage(link);
    yield page.items;
    link = page.nextPageUri;
  } while (link);
}
