import { describe, expect, it } from 'vitest';
import { brokerUrl } from '../sync/link.js';
import { parseRoute, routeHash } from './route.js';

describe('routes', () => {
  it('parses the hashes a notification opens, and round-trips', () => {
    expect(parseRoute('#/item/esc-1')).toEqual({ screen: 'item', id: 'esc-1' });
    expect(parseRoute('#/ticket/t-9')).toEqual({ screen: 'ticket', id: 't-9' });
    expect(parseRoute('#/board')).toEqual({ screen: 'board' });
    for (const r of [{ screen: 'item', id: 'x' }, { screen: 'board' }, { screen: 'inbox' }] as const)
      expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('falls back to the inbox on anything else (no ids with separators or wildcards)', () => {
    expect(parseRoute('')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/item/')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/item/a+b')).toEqual({ screen: 'inbox' });
  });
});

describe('broker address', () => {
  const phone = { protocol: 'http:', host: '192.168.1.20:8080' };
  it('uses the page origin when the server advertises a loopback address the handheld cannot reach', () => {
    expect(brokerUrl('ws://127.0.0.1:8080/mqtt', phone)).toBe('ws://192.168.1.20:8080/mqtt');
    expect(brokerUrl(null, { protocol: 'https:', host: 'desk.example' })).toBe('wss://desk.example/mqtt');
  });
  it('keeps a real advertised broker (an external one, or loopback when the page is on loopback too)', () => {
    expect(brokerUrl('wss://broker.example/mqtt', phone)).toBe('wss://broker.example/mqtt');
    expect(brokerUrl('ws://127.0.0.1:9001/mqtt', { protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:9001/mqtt',
    );
  });
});
