import mqtt, { type MqttClient } from 'mqtt';
import { decodeDown, topics, type DownMessage } from '@frontdesk/protocol';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface LinkOptions {
  url: string;
  deviceId: string;
  secret: string;
  site: string;
  onState(state: ConnectionState): void;
  /** A validated message from the server; `channel` says which topic it came on. */
  onMessage(message: DownMessage, channel: 'down' | 'error' | 'kb'): void;
  /** Something arrived that is not a valid server message (logged, never shown to the guest). */
  onInvalid?(reason: string): void;
}

const STATUS_ONLINE = JSON.stringify({ v: 1, state: 'online' });
const STATUS_OFFLINE = JSON.stringify({ v: 1, state: 'offline' });

/** The default broker address: MQTT over WebSocket on the origin that served the kiosk. */
export function sameOriginMqttUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/mqtt`;
}

/**
 * The kiosk's one MQTT connection: a persistent session (clean: false, QoS 1) under its device id,
 * a retained `offline` will and `online` on connect, its own down/error topics and its site's
 * knowledge base. It only moves bytes; what to send and when is the outbox sender's business.
 */
export class MqttLink {
  private readonly client: MqttClient;

  constructor(private readonly options: LinkOptions) {
    const status = topics.device(options.deviceId, 'status');
    options.onState('connecting');
    this.client = mqtt.connect(options.url, {
      clientId: options.deviceId,
      username: options.deviceId,
      password: options.secret,
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
      // A resumed session keeps its subscriptions; subscribing again is harmless, covers a session
      // the broker forgot, and is what brings the retained knowledge base again.
      this.client.subscribe(
        {
          [topics.device(options.deviceId, 'down')]: { qos: 1 },
          [topics.device(options.deviceId, 'error')]: { qos: 1 },
          [topics.siteKb(options.site)]: { qos: 1 },
        },
        () => options.onState('online'),
      );
    });
    this.client.on('close', () => options.onState('offline'));
    this.client.on('offline', () => options.onState('offline'));
    this.client.on('reconnect', () => options.onState('connecting'));
    this.client.on('message', (topic, payload) => {
      const decoded = decodeDown(payload);
      if (!decoded.ok) {
        options.onInvalid?.(`${topic}: ${decoded.code} ${decoded.reason}`);
        return;
      }
      const channel = topic.endsWith('/error') ? 'error' : topic.endsWith('/kb') ? 'kb' : 'down';
      options.onMessage(decoded.message, channel);
    });
  }

  publish(topic: string, payload: string): void {
    this.client.publish(topic, payload, { qos: 1 });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.client.end(false, {}, () => resolve()));
  }
}
