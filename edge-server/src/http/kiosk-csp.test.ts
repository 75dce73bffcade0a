import { describe, expect, it } from 'vitest';
import { kioskContentSecurityPolicy } from './kiosk-csp.js';

const connectSrc = (csp: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith('connect-src '))
    ?.split(' ')
    .slice(1);

describe('kiosk Content-Security-Policy', () => {
  it('lets the kiosk reach only its own server, HTTP and MQTT over WebSocket', () => {
    const csp = kioskContentSecurityPolicy({ host: '192.0.2.10:8080', mqttWsUrl: null });
    expect(connectSrc(csp)).toEqual([
      "'self'",
      'ws://192.0.2.10:8080',
      'wss://192.0.2.10:8080',
      'blob:',
      'data:',
    ]);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/\*|https:/);
  });

  it('adds the broker origin of MQTT_WS_URL, and only a WebSocket one', () => {
    const csp = kioskContentSecurityPolicy({
      host: 'kiosk.local',
      mqttWsUrl: 'wss://broker.example:8884/mqtt',
    });
    expect(connectSrc(csp)).toContain('wss://broker.example:8884');
    const http = kioskContentSecurityPolicy({ host: 'kiosk.local', mqttWsUrl: 'https://elsewhere.example' });
    expect(connectSrc(http)).not.toContain('https://elsewhere.example');
    expect(kioskContentSecurityPolicy({ host: 'k', mqttWsUrl: 'not a url' })).toContain('connect-src');
  });

  it('does not echo a malformed Host header into the policy', () => {
    for (const host of ['evil.example; script-src *', 'a b', '', undefined]) {
      expect(connectSrc(kioskContentSecurityPolicy({ host, mqttWsUrl: null }))).toEqual([
        "'self'",
        'blob:',
        'data:',
      ]);
    }
    expect(connectSrc(kioskContentSecurityPolicy({ host: '[::1]:8080', mqttWsUrl: null }))).toContain(
      'ws://[::1]:8080',
    );
  });
});
