import { describe, expect, it } from 'vitest';
import { compileRoute } from './http-triggers';

describe('compileRoute', () => {
  it('matches literal, optional, int-constrained and catch-all parameters', () => {
    const match = (route: string, path: string) => {
      const { regex, names } = compileRoute(route);
      const m = regex.exec(path);
      return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) : null;
    };
    expect(match('status', 'status')).toEqual({});
    expect(match('status', 'STATUS')).toEqual({});
    expect(match('status', 'status/x')).toBeNull();
    expect(match('rerun/{id?}', 'rerun')).toEqual({ id: undefined });
    expect(match('rerun/{id?}', 'rerun/abc')).toEqual({ id: 'abc' });
    expect(match('items/{id:int}', 'items/12')).toEqual({ id: '12' });
    expect(match('items/{id:int}', 'items/x')).toBeNull();
    expect(match('files/{*path}', 'files/a/b/c')).toEqual({ path: 'a/b/c' });
  });
});
