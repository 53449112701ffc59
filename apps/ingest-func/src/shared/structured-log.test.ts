import { describe, expect, it } from 'vitest';
import { structuredLog } from './structured-log';

describe('structuredLog', () => {
  it('writes the message and its fields on one line', () => {
    const lines: string[] = [];
    const log = structuredLog({ info: (m: string) => lines.push(`I ${m}`), warn: (m: string) => lines.push(`W ${m}`), error: (m: string) => lines.push(`E ${m}`) });
    log.info('watermark advanced', { contentType: 'DLP.All', to: '2026-11-25T00:00:00.000Z' });
    log.warn('gap recorded', { window: { start: 'a', end: 'b' } });
    log.error('failed', new Error('boom'));
    expect(lines).toEqual([
      'I watermark advanced {"contentType":"DLP.All","to":"2026-11-25T00:00:00.000Z"}',
      'W gap recorded {"window":{"start":"a","end":"b"}}',
      'E failed {"error":"boom"}',
    ]);
  });
});
