import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatFindings, readFindings, type FindingLine } from './findings-summary';

const finding = (indicator: string, severity: string, entity: string, start: string): FindingLine => ({
  indicator, title: `${indicator} title`, severity, entities: [{ kind: entity.split(':')[0]!, id: entity }], start, end: start, evidenceTotal: 3,
});

describe('formatFindings', () => {
  it('lists high severity first, each indicator with the command that shows it', () => {
    const lines = formatFindings(
      [finding('password-spray', 'medium', 'ip:203.0.113.7', '2026-11-28T10:00:00Z'), finding('mail-forwarding-external', 'high', 'user:eve@contoso.com', '2026-11-29T10:00:00Z')],
      false,
    );
    expect(lines[0]).toMatch(/^  findings of high severity: 2 /);
    expect(lines[1]).toMatch(/high\s+mail-forwarding-external\s+user:eve@contoso\.com/);
    expect(lines[2]).toMatch(/medium\s+password-spray\s+ip:203\.0\.113\.7/);
    expect(lines).toContain('    npm run investigate -- findings --indicator mail-forwarding-external');
    expect(lines).toContain('    npm run investigate -- findings --indicator password-spray');
    expect(lines.at(-1)).toBe('    npm run investigate -- graph --center user:eve@contoso.com --hops 2');
  });

  it('says so when there is none', () => {
    expect(formatFindings([], false)[0]).toMatch(/none of high severity/);
  });

  it('counts the others per severity and indicator instead of listing them', () => {
    const lines = formatFindings([finding('oauth-consent', 'high', 'user:a@b.c', '2026-01-01T00:00:00Z')], false, [
      finding('dlp-rule-match', 'medium', 'user:x', '2026-01-01T00:00:00Z'),
      finding('dlp-rule-match', 'medium', 'user:y', '2026-01-01T00:00:00Z'),
      finding('sharing-loosened', 'low', 'user:y', '2026-01-01T00:00:00Z'),
    ]);
    expect(lines).toContain('  and 2 medium dlp-rule-match, 1 low sharing-loosened');
  });
});

describe('readFindings', () => {
  it('sends the function key in a header, never in the URL, and reports a refusal', async () => {
    const seen: { url?: string; key?: string } = {};
    const server = createServer((req, res) => {
      seen.url = req.url;
      seen.key = req.headers['x-functions-key'] as string;
      if (seen.key !== 'k') {
        res.writeHead(401).end('no key');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ findings: [finding('x', 'low', 'user:a', '2026-01-01T00:00:00Z')], continuationToken: 't' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const page = await readFindings(url, 'k');
      expect(page.findings).toHaveLength(1);
      expect(page.more).toBe(true);
      expect(seen.url).toBe('/api/findings?severity=high&limit=50');
      await expect(readFindings(url, 'wrong')).rejects.toThrow(/401/);
    } finally {
      server.close();
    }
  });
});
