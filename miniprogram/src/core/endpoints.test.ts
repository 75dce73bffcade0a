import { describe, expect, it } from 'vitest';
import { handoverCodeFrom, mqttUrlFor } from './endpoints.js';

describe('endpoints', () => {
  it("uses WeChat's socket scheme in weapp, and the page's own host over TLS in a browser", () => {
    expect(mqttUrlFor('weapp', 'wss://edge.example/mqtt', null)).toBe('wxs://edge.example/mqtt');
    expect(mqttUrlFor('h5', 'ws://10.0.0.2:8080/mqtt', 'https://desk.example')).toBe(
      'wss://desk.example/mqtt',
    );
    expect(mqttUrlFor('h5', 'ws://127.0.0.1:8080/mqtt', 'http://127.0.0.1:8080')).toBe(
      'ws://127.0.0.1:8080/mqtt',
    );
  });

  it('reads the continue code from `h` (browser) or `scene` (WeChat), and nothing malformed', () => {
    const code = 'Zk3v9QeR2mT8xLw5pN7aYc';
    expect(handoverCodeFrom({ h: code })).toBe(code);
    expect(handoverCodeFrom({ scene: encodeURIComponent(`h=${code}`) })).toBe(code);
    expect(handoverCodeFrom({ scene: code })).toBe(code);
    expect(handoverCodeFrom({ h: '<script>' })).toBeNull();
    expect(handoverCodeFrom({})).toBeNull();
  });
});
