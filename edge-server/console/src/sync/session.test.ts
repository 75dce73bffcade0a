import { describe, expect, it } from 'vitest';
import { sessionFrom } from './api.js';
import { brokerUrl } from './link.js';

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

describe('session expiry on the handheld clock', () => {
  const answer = {
    token: 't',
    expiresAt: 1_000_000 + 43_200_000,
    serverNow: 1_000_000,
    staff: { id: 'li-na', name: '李娜', role: 'staff' as const, skills: ['front_desk'], site: 'grand-hotel' },
    mqtt: { tcp: null, ws: 'ws://127.0.0.1/mqtt' },
  };
  it("counts the server's time left from the local clock, whatever the handheld's clock says", () => {
    expect(sessionFrom(answer, 'ws://x', 5_000_000_000).expiresAt).toBe(5_000_000_000 + 43_200_000);
    expect(sessionFrom(answer, 'ws://x', 10).expiresAt).toBe(10 + 43_200_000);
  });
  it('trusts the local clock when the server sent no Date', () => {
    expect(sessionFrom({ ...answer, serverNow: null }, 'ws://x', 1_000_000).expiresAt).toBe(answer.expiresAt);
  });
});
