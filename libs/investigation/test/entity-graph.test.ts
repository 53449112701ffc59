import { describe, expect, it } from 'vitest';
import { buildEntityGraph, EMPTY_BASELINE, evaluateIndicators, InvestigationError, nodeId } from '../src';
import { beats, documentsOf, beatsRecords } from './fixtures';
import { variant } from './helpers';

const DOMAINS = { tenantDomains: ['testsiem4.onmicrosoft.com', 'testsiem2.onmicrosoft.com', 'testsiem.onmicrosoft.com'] };

describe('buildEntityGraph on real records', () => {
  const signIns = beats('15-azuread-sts-logon.log');

  it('makes one node per user and normalized IP, with counts and first/last seen', () => {
    const g = buildEntityGraph(signIns, {}, DOMAINS);
    const users = g.nodes.filter((n) => n.kind === 'user');
    const ips = g.nodes.filter((n) => n.kind === 'ip');
    expect(users.length).toBeGreaterThan(0);
    expect(ips.length).toBeGreaterThan(0);
    for (const n of g.nodes) {
      expect(n.id.startsWith(`${n.kind}:`)).toBe(true);
      expect(n.firstSeen <= n.lastSeen).toBe(true);
      expect(n.count).toBeGreaterThan(0);
    }
    const fromIp = g.edges.filter((e) => e.kind === 'from-ip');
    expect(fromIp.length).toBeGreaterThan(0);
    const total = fromIp.reduce((a, e) => a + e.count, 0);
    expect(total).toBe(signIns.filter((d) => d.actor.userId && d.actor.ip).length);
    for (const e of g.edges) expect(e.evidence.total).toBe(e.count);
  });

  it('normalizes client IPs with ports, brackets and ::ffff: to one node', () => {
    const records = beatsRecords('ip-formats.log').map((r, i) => ({
      ...r,
      Id: `ip-${i}`,
      CreationTime: '2021-01-01T00:00:00',
      Operation: 'UserLoggedIn',
      Workload: 'AzureActiveDirectory',
      RecordType: 15,
      UserId: 'alice@testsiem4.onmicrosoft.com',
    }));
    const docs = documentsOf(records);
    const g = buildEntityGraph(docs, {}, DOMAINS);
    const ips = g.nodes.filter((n) => n.kind === 'ip').map((n) => n.id);
    expect(new Set(ips).size).toBe(ips.length);
    for (const id of ips) expect(id).not.toMatch(/\[|\]|::ffff:|^ip:\d+\.\d+\.\d+\.\d+:\d+$/);
    const ten = g.nodes.find((n) => n.id === 'ip:10.11.12.13');
    expect(ten?.count).toBeGreaterThanOrEqual(3);
  });

  it('keeps evidence ids capped with the total', () => {
    const g = buildEntityGraph(signIns, { maxEvidence: 2 }, DOMAINS);
    const busy = g.edges.find((e) => e.count > 2);
    expect(busy).toBeDefined();
    expect(busy!.evidence.ids.length).toBe(2);
    expect(busy!.evidence.total).toBe(busy!.count);
  });

  it('cuts to the caps and says what it cut', () => {
    const g = buildEntityGraph(signIns, { maxNodes: 3, maxEdges: 1 }, DOMAINS);
    expect(g.nodes.length).toBe(3);
    expect(g.edges.length).toBeLessThanOrEqual(1);
    expect(g.truncated.nodes).toBeGreaterThan(0);
    expect(g.truncated.reason).toMatch(/maxNodes=3/);
  });

  it('limits the graph to the hops around a centre', () => {
    const user = signIns.find((d) => d.actor.userId)!.actor.userId!;
    const center = nodeId('user', user);
    const one = buildEntityGraph(signIns, { center, hops: 1 }, DOMAINS);
    expect(one.nodes.some((n) => n.id === center)).toBe(true);
    for (const e of one.edges) expect(e.source === center || e.target === center).toBe(true);
    const all = buildEntityGraph(signIns, {}, DOMAINS);
    expect(one.nodes.length).toBeLessThan(all.nodes.length);
  });

  it('names every bad parameter at once', () => {
    try {
      buildEntityGraph(signIns, { center: 'nobody', hops: 9, maxNodes: 0, from: 'yesterday' }, DOMAINS);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvestigationError);
      expect((e as InvestigationError).problems.length).toBe(4);
    }
  });

  it('marks guests and external accounts', () => {
    const sharing = beats('14-sp-sharing-op.log');
    const g = buildEntityGraph(sharing, {}, { tenantDomains: ['testsiem2.onmicrosoft.com', 'testsiem.onmicrosoft.com'] });
    const flagged = g.nodes.filter((n) => n.flags?.external || n.flags?.guest);
    expect(flagged.length).toBeGreaterThan(0);
  });
});

describe('documents without their raw record (a lean store query)', () => {
  it('still make a graph and findings from the flattened fields, never throw', () => {
    const docs = [...beats('15-azuread-sts-logon.log'), ...beats('13-dlp-exchange.log'), ...beats('14-sp-sharing-op.log')];
    const lean = docs.map((d) => ({ ...d, raw: undefined as unknown as typeof d.raw }));
    const g = buildEntityGraph(lean, {}, DOMAINS);
    expect(g.edges.filter((e) => e.kind === 'from-ip').length).toBe(buildEntityGraph(docs, {}, DOMAINS).edges.filter((e) => e.kind === 'from-ip').length);
    expect(() => evaluateIndicators(lean, EMPTY_BASELINE, {}, { tenantId: 'fixture-tenant', tenantDomains: DOMAINS.tenantDomains })).not.toThrow();
  });
});

describe('tenants', () => {
  it('a graph for one tenant leaves another tenant\'s documents out', () => {
    const mine = beats('15-azuread-sts-logon.log');
    const theirs = documentsOf(beatsRecords('15-azuread-sts-logon.log'), 'another-tenant');
    const g = buildEntityGraph([...mine, ...theirs], {}, { ...DOMAINS, tenantId: 'fixture-tenant' });
    const alone = buildEntityGraph(mine, {}, DOMAINS);
    expect(g.edges.map((e) => [e.id, e.count])).toEqual(alone.edges.map((e) => [e.id, e.count]));
  });
});

describe('buildEntityGraph on an inbox rule that forwards outside', () => {
  const rule = {
    CreationTime: '2026-11-30T15:06:00',
    Id: 'rule-1',
    Operation: 'New-InboxRule',
    OrganizationId: '4e1a2b3c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    RecordType: 1,
    UserType: 0,
    Workload: 'Exchange',
    ResultStatus: 'True',
    ClientIP: '5.188.22.35',
    ObjectId: 'hiro@testsiem4.onmicrosoft.com\\.',
    UserId: 'hiro@testsiem4.onmicrosoft.com',
    Parameters: [
      { Name: 'Mailbox', Value: 'hiro@testsiem4.onmicrosoft.com' },
      { Name: 'ForwardTo', Value: 'archive.box@mailbox-relay.example' },
    ],
  };

  const center = nodeId('user', 'hiro@testsiem4.onmicrosoft.com');
  const destination = nodeId('user', 'archive.box@mailbox-relay.example');

  it('forwards from the actor itself when the rule is on their own mailbox (one hop)', () => {
    const g = buildEntityGraph(documentsOf([rule]), { center, hops: 1, operations: ['New-InboxRule'] }, DOMAINS);
    expect(g.nodes.map((n) => n.id)).toContain(destination);
    const forwards = g.edges.find((e) => e.kind === 'forwards-to' && e.target === destination);
    expect(forwards).toMatchObject({ source: center, operation: 'New-InboxRule' });
  });

  it("links the actor to another user's mailbox it set forwarding on, so the destination is reached", () => {
    const other = variant(rule, { Id: 'rule-2', Parameters: [{ Name: 'Identity', Value: 'olga@testsiem4.onmicrosoft.com' }, { Name: 'ForwardTo', Value: 'archive.box@mailbox-relay.example' }] });
    const g = buildEntityGraph(documentsOf([other]), { center, hops: 2, operations: ['New-InboxRule'] }, DOMAINS);
    const mailbox = nodeId('mailbox', 'olga@testsiem4.onmicrosoft.com');
    expect(g.edges.find((e) => e.kind === 'forwards-to' && e.target === destination)?.source).toBe(mailbox);
    expect(g.edges.some((e) => e.source === center && e.target === mailbox && e.operation === 'New-InboxRule')).toBe(true);
  });
});
