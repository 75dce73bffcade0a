import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.js';

describe('routes', () => {
  it('parses the hashes a notification opens, and round-trips', () => {
    expect(parseRoute('#/item/esc-1')).toEqual({ screen: 'item', id: 'esc-1' });
    expect(parseRoute('#/ticket/t-9')).toEqual({ screen: 'ticket', id: 't-9' });
    expect(parseRoute('#/board')).toEqual({ screen: 'board' });
    expect(parseRoute('#/account')).toEqual({ screen: 'account' });
    expect(parseRoute(routeHash({ screen: 'account' }))).toEqual({ screen: 'account' });
    for (const r of [{ screen: 'item', id: 'x' }, { screen: 'board' }, { screen: 'inbox' }] as const)
      expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('opens the admin section on its tabs, the knowledge base by default', () => {
    expect(parseRoute('#/admin/audit')).toEqual({ screen: 'admin', tab: 'audit' });
    expect(parseRoute('#/admin')).toEqual({ screen: 'admin', tab: 'kb' });
    expect(parseRoute('#/admin/nothing')).toEqual({ screen: 'admin', tab: 'kb' });
    for (const tab of ['kb', 'versions', 'audit'] as const)
      expect(parseRoute(routeHash({ screen: 'admin', tab }))).toEqual({ screen: 'admin', tab });
  });

  it('falls back to the inbox on anything else (no ids with separators or wildcards)', () => {
    expect(parseRoute('')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/item/')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/item/a+b')).toEqual({ screen: 'inbox' });
  });
});
