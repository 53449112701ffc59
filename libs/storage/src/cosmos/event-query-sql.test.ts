import { describe, expect, it } from 'vitest';
import { eventFilterSql, MAX_PARTITION_KEYS_PER_QUERY, selectEventsSql, userPartitionKeys } from './event-query-sql';

const tenantId = 't1';

describe('userPartitionKeys', () => {
  it('lists tenant|lower-cased user|day for every UTC day the range touches', () => {
    expect(userPartitionKeys({ tenantId, userId: 'Alice@Contoso.com', from: '2026-11-01T22:00:00.000Z', to: '2026-11-03T00:00:00.000Z' })).toEqual([
      't1|alice@contoso.com|2026-11-01',
      't1|alice@contoso.com|2026-11-02',
    ]);
    expect(userPartitionKeys({ tenantId, userId: 'a', from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T00:00:00.001Z' })).toEqual(['t1|a|2026-11-01']);
  });

  it('does not narrow without a user, with an open, empty, unparseable or too long range', () => {
    expect(userPartitionKeys({ tenantId, from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).toBeUndefined();
    expect(userPartitionKeys({ tenantId, userId: 'a', from: '2026-11-01T00:00:00.000Z' })).toBeUndefined();
    expect(userPartitionKeys({ tenantId, userId: 'a', from: '2026-11-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).toBeUndefined();
    expect(userPartitionKeys({ tenantId, userId: 'a', from: 'yesterday', to: '2026-11-01T00:00:00.000Z' })).toBeUndefined();
    const to = new Date(Date.UTC(2026, 0, 1) + (MAX_PARTITION_KEYS_PER_QUERY + 1) * 86_400_000).toISOString();
    expect(userPartitionKeys({ tenantId, userId: 'a', from: '2026-01-01T00:00:00.000Z', to })).toBeUndefined();
  });
});

describe('eventFilterSql', () => {
  it('parameterizes every filter and names the one partition of a one-day user query', () => {
    const sql = eventFilterSql({ tenantId, userId: "o'brien", operation: 'FileAccessed', contentType: 'Audit.SharePoint', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' });
    expect(sql.where).toBe(
      'c.tenantId = @tenantId AND c.time >= @from AND c.time < @to AND c.actor.userId = @userId AND c.operation = @operation AND c.contentType = @contentType AND c.partitionKey IN (@pk0)',
    );
    expect(sql.where).not.toContain("o'brien");
    expect(sql.singlePartitionKey).toBe("t1|o'brien|2026-11-01");
    expect(selectEventsSql({ tenantId }, 5).query).toBe('SELECT TOP 5 * FROM c WHERE c.tenantId = @tenantId ORDER BY c.time');
  });
});
