// Exports, checked against schemas offline (xmllint-wasm: libxml2 in WebAssembly) and parsed back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildEntityGraph, csvCell, exportGraph, parseWatchList, toGexf, toGraphml, InvestigationError, type EntityGraph } from '../src';
import { beats, documentsOf, beatsRecords } from './fixtures';

const DOMAINS = { tenantDomains: ['testsiem.onmicrosoft.com', 'testsiem2.onmicrosoft.com', 'testsiem4.onmicrosoft.com'] };
const schema = (name: string) => ({ fileName: name, contents: readFileSync(join(__dirname, 'schemas', name), 'utf8') });

// Every kind of real record, plus one with characters XML and CSV must survive.
const odd = variantOf(beatsRecords('06-sharepointfileop.log')[0]!);
function variantOf(r: Record<string, unknown>): Record<string, unknown> {
  return { ...r, Id: 'odd-1', ObjectId: 'https://x.sharepoint.com/a "b" <c> & d\u0001,=cmd|.docx', SourceFileName: '=HYPERLINK("x"),<&>\u0007.docx' };
}
const files = ['06-sharepointfileop.log', '08-azuread-users.log', '11-dlp-sharepoint.log', '13-dlp-exchange.log', '14-sp-sharing-op.log', '15-azuread-sts-logon.log', '25-ms-teams.log', 'str-params.log'];
const docs = [...files.flatMap((f) => beats(f)), ...documentsOf([odd])];
const graph = buildEntityGraph(docs, { maxNodes: 5000, maxEdges: 20000 }, DOMAINS);

async function valid(xml: string, xsd: string) {
  return validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], schema: [schema(xsd)] });
}

describe('GraphML and GEXF exports validate against their schemas', () => {
  it('the graph has many kinds of nodes and edges', () => {
    expect(new Set(graph.nodes.map((n) => n.kind)).size).toBeGreaterThanOrEqual(6);
    expect(graph.edges.length).toBeGreaterThan(20);
  });

  it('GraphML is valid', async () => {
    const result = await valid(toGraphml(graph), 'graphml.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('GEXF is valid', async () => {
    const result = await valid(toGexf(graph, { lastModified: '2026-12-01T10:00:00Z' }), 'gexf.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the schemas reject a broken export (an edge to a node that is not there)', async () => {
    const broken: EntityGraph = { ...graph, nodes: graph.nodes.slice(1) };
    expect((await valid(toGraphml(broken), 'graphml.xsd')).valid).toBe(false);
    expect((await valid(toGexf(broken), 'gexf.xsd')).valid).toBe(false);
    expect((await valid(toGraphml(graph).replace('attr.type="int"', 'attr.type="integer"'), 'graphml.xsd')).valid).toBe(false);
  });

  it('an empty graph exports valid documents', async () => {
    const empty: EntityGraph = { nodes: [], edges: [], truncated: { nodes: 0, edges: 0 } };
    expect((await valid(toGraphml(empty), 'graphml.xsd')).valid).toBe(true);
    expect((await valid(toGexf(empty), 'gexf.xsd')).valid).toBe(true);
  });
});

/** RFC 4180 reader for the test: enough to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('nodes.csv + edges.csv for Power BI', () => {
  const [nodes, edges] = exportGraph(graph, 'csv');
  const n = parseCsv(nodes!.content);
  const e = parseCsv(edges!.content);

  it('one row per node and edge, every edge end a node Id (the relationships hold)', () => {
    expect(nodes!.name).toBe('nodes.csv');
    expect(n.length - 1).toBe(graph.nodes.length);
    expect(e.length - 1).toBe(graph.edges.length);
    const ids = new Set(n.slice(1).map((r) => r[0]));
    expect(ids.size).toBe(graph.nodes.length);
    const [src, tgt] = [e[0]!.indexOf('Source'), e[0]!.indexOf('Target')];
    for (const r of e.slice(1)) {
      expect(ids.has(r[src]!)).toBe(true);
      expect(ids.has(r[tgt]!)).toBe(true);
    }
    for (const r of n) expect(r.length).toBe(n[0]!.length);
    for (const r of e) expect(r.length).toBe(e[0]!.length);
  });

  it('a label that looks like a formula is defused, quotes and commas survive', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    const oddRow = n.find((r) => r[1]!.includes('HYPERLINK'));
    expect(oddRow![1]!.startsWith("'=")).toBe(true);
  });
});

describe('JSON export', () => {
  it('round-trips the graph', () => {
    const [f] = exportGraph(graph, 'json');
    const back = JSON.parse(f!.content) as EntityGraph & { format: string };
    expect(back.format).toBe('auditflow-entity-graph');
    expect(back.nodes).toEqual(graph.nodes);
    expect(back.edges).toEqual(graph.edges);
  });
});

describe('watch list (the seed adminlist.csv)', () => {
  it('reads accounts and IPs, skips the header, normalizes', () => {
    expect(parseWatchList('UserId\r\nRoot@TestSiem4.onmicrosoft.com\n"79.159.11.115:443",x\nip:[::1]:80\n\n')).toEqual([
      'user:root@testsiem4.onmicrosoft.com',
      'ip:79.159.11.115',
      'ip:::1',
    ]);
  });

  it('keeps only paths touching a watched entity', () => {
    const [watch] = parseWatchList('root@testsiem4.onmicrosoft.com');
    const g = buildEntityGraph(docs, { watch: [watch!], hops: 1 }, DOMAINS);
    expect(g.nodes.find((x) => x.id === watch)?.flags?.watched).toBe(true);
    for (const edge of g.edges) expect(edge.source === watch || edge.target === watch).toBe(true);
    expect(g.nodes.length).toBeLessThan(graph.nodes.length);
  });

  it('names lines that are neither account nor IP', () => {
    expect(() => parseWatchList('alice@contoso.com\nnot an account')).toThrow(InvestigationError);
  });
});
