import { describe, expect, it } from 'vitest';
import { iteratePages, nextPageLink, withPublisherIdentifier } from './paging';

describe('withPublisherIdentifier', () => {
  it.each([
    ['https://h/api/x', 'https://h/api/x?PublisherIdentifier=t1'],
    ['https://h/api/x?contentType=A&nextPage=2', 'https://h/api/x?contentType=A&nextPage=2&PublisherIdentifier=t1'],
    ['https://h/api/x?', 'https://h/api/x?PublisherIdentifier=t1'],
    ['https://h/api/x?a=1&', 'https://h/api/x?a=1&PublisherIdentifier=t1'],
    ['https://h/api/x?a=1&publisheridentifier=t1', 'https://h/api/x?a=1&publisheridentifier=t1'],
  ])('%s -> %s', (url, expected) => {
    expect(withPublisherIdentifier(url, 't1')).toBe(expected);
  });

  it('encodes the identifier', () => {
    expect(withPublisherIdentifier('https://h/x', 'a b&c')).toBe('https://h/x?PublisherIdentifier=a%20b%26c');
  });
});

describe('nextPageLink', () => {
  it.each([
    [{ NextPageUri: 'https://h/n?x=1' }, 'https://h/n?x=1'],
    [{ nextpageuri: 'https://h/n?x=2' }, 'https://h/n?x=2'],
    [{ NextPageUrl: 'https://h/n?x=3' }, 'https://h/n?x=3'],
    [{ nextpageurl: ' https://h/n?x=4 ' }, 'https://h/n?x=4'],
    [{ NextPageUri: '' }, undefined],
    [{}, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(nextPageLink(new Headers(headers))).toBe(expected);
  });
});

describe('iteratePages', () => {
  it('yields every page until there is no next link', async () => {
    const links: (string | undefined)[] = [];
    const pages: number[][] = [];
    for await (const page of iteratePages<number>(async (link) => {
      links.push(link);
      return link === undefined ? { items: [1, 2], nextPageUri: 'p2' } : link === 'p2' ? { items: [], nextPageUri: 'p3' } : { items: [3] };
    })) {
      pages.push(page);
    }
    expect(pages).toEqual([[1, 2], [], [3]]);
    expect(links).toEqual([undefined, 'p2', 'p3']);
  });
});
