import mqtt, { type MqttClient } from 'mqtt';
import { decodeDown, topics, type DownMessage } from '@frontdesk/protocol';
import type { Connection } from '../app/state.js';

export interface StaffLinkOptions {
  url: string;
  staffId: string;
  token: string;
  site: string;
  /** Supervisors and admins also read the site's retained queue snapshot. */
  supervisor: boolean;
  /** A per-browser suffix: the client id is `<staffId>.<suffix>`, as the broker requires. */
  clientSuffix: string;
  onState(state: Connection): void;
  onMessage(message: DownMessage): void;
  /** The broker refused the credentials (CONNACK 4 or 5): the session token is no longer valid. */
  onRefused(): void;
}

const STATUS_ONLINE = JSON.stringify({ v: 1, state: 'online' });
const STATUS_OFFLINE = JSON.stringify({ v: 1, state: 'offline' });

/**
 * The console's one MQTT connection, as the bench and the kiosk do it: a persistent session
 * (clean: false, QoS 1) so offers made while the handheld was in a pocket wait for it, a retained
 * `offline` will and a retained `online` on every connect (only online staff are offered work).
 */
export class StaffLink {
  private readonly client: MqttClient;

  constructor(private readonly options: StaffLinkOptions) {
    const status = topics.staff(options.staffId, 'status');
    options.onState('connecting');
    this.client = mqtt.connect(options.url, {
      clientId: `${options.staffId}.${options.clientSuffix}`,
      username: options.staffId,
      password: options.token,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 5000,
      keepalive: 20,
      resubscribe: true,
      will: { topic: status, payload: STATUS_OFFLINE, qos: 1, retain: true },
    });
    this.client.on('connect', () => {
      this.client.publish(status, STATUS_ONLINE, { qos: 1, retain: true });
      const subs: Record<string, { qos: 1 }> = {
        [topics.staff(options.staffId, 'down')]: { qos: 1 },
        [topics.staff(options.staffId, 'error')]: { qos: 1 },
        [topics.siteKb(options.site)]: { qos: 1 },
      };
      if (options.supervisor) subs[topics.siteQueue(options.site)] = { qos: 1 };
      this.client.subscribe(subs, () => options.onState('online'));
    });
    this.client.on('error', (err) => {
      const code = (err as { code?: number }).code;
      if (code === 4 || code === 5) options.onRefused();
    });
    this.client.on('close', () => options.onState('offline'));
    this.client.on('offline', () => options.onState('offline'));
    this.client.on('reconnect', () => options.onState('connecting'));
    this.client.on('message', (_topic, payload) => {
      const decoded = decodeDown(payload);
      if (decoded.ok) options.onMessage(decoded.message);
      else console.warn('console: ignored an invalid server message', decoded.code, decoded.reason);
    });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  publishUp(payload: string): void {
    this.client.publish(topics.staff(this.options.staffId, 'up'), payload, { qos: 1 });
  }

  /** Signing out says so at once (the will is only for a lost connection). */
  async close(sayOffline: boolean): Promise<void> {
    if (sayOffline && this.client.connected)
      await this.client.publishAsync(topics.staff(this.options.staffId, 'status'), STATUS_OFFLINE, {
        qos: 1,
        retain: true,
      });
    await this.client.endAsync(false);
  }
}

/**
 * The broker address for this page: the server's own answer when it names a real host, else MQTT
 * over WebSocket on the origin that served the console (the server reports 127.0.0.1 when it listens
 * on every interface, which a handheld cannot reach).
 */
export function brokerUrl(advertised: string | null, location: { protocol: string; host: string }): string {
  const sameOrigin = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/mqtt`;
  if (!advertised) return sameOrigin;
  try {
    const u = new URL(advertised);
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    const pageHost = location.host.split(':')[0];
    return loopback && pageHost !== u.hostname ? sameOrigin : advertised;
  } catch {
    return sameOrigin;
  }
}
