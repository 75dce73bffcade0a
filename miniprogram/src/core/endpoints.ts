import { HANDOVER_CODE_PATTERN } from '@frontdesk/protocol';

/**
 * Where the phone's MQTT connection goes. WeChat's socket API needs `wxs://` (mqtt.js maps it to
 * `wx.connectSocket`); a browser page served over HTTPS must use `wss://` on its own host, whatever
 * address the server saw itself at.
 */
export function mqttUrlFor(platform: 'weapp' | 'h5', serverWs: string, pageOrigin: string | null): string {
  if (platform === 'weapp') return serverWs.replace(/^wss?:\/\//, 'wxs://');
  if (pageOrigin?.startsWith('https://')) return `wss://${new URL(pageOrigin).host}/mqtt`;
  return serverWs;
}

/** What a page was opened with: the code from a kiosk QR (`scene` in WeChat, `h` in a browser). */
export function handoverCodeFrom(params: Record<string, string | undefined>): string | null {
  const raw = params.h ?? (params.scene ? decodeURIComponent(params.scene) : undefined);
  if (!raw) return null;
  const code = raw.startsWith('h=') ? raw.slice(2) : raw;
  return HANDOVER_CODE_PATTERN.test(code) ? code : null;
}
