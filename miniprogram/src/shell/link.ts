import { decodeDown, topics, type DownMessage } from '@frontdesk/protocol';
import mqtt, { type MqttClient } from 'mqtt';

export interface LinkOptions {
  url: string;
  deviceId: string;
  token: string;
  onOnline(online: boolean): void;
  onMessage(message: DownMessage): void;
  /** Called before each reconnect: the password to use (a renewed token). */
  password(): Promise<string>;
}

/**
 * The phone's MQTT connection: its own `down` and `error` topics, QoS 1, a persistent session so
 * what arrives while the phone is away waits for it. `wxs://` goes through `wx.connectSocket`;
 * `timerVariant: 'native'`, because Taro defines `window` and mqtt's worker timers fail in WeChat.
 */
export class Link {
  private readonly client: MqttClient;

  constructor(private readonly options: LinkOptions) {
    this.client = mqtt.connect(options.url, {
      clientId: options.deviceId,
      username: options.deviceId,
      password: options.token,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      timerVariant: 'native',
    });
    this.client.on('connect', () => void this.subscribed());
    this.client.on('close', () => {
      options.onOnline(false);
      void options.password().then((p) => {
        this.client.options.password = p;
      });
    });
    this.client.on('message', (_topic, payload) => {
      const decoded = decodeDown(payload);
      if (decoded.ok) options.onMessage(decoded.message);
    });
  }

  private async subscribed(): Promise<void> {
    const id = this.options.deviceId;
    await this.client.subscribeAsync([topics.device(id, 'down'), topics.device(id, 'error')], { qos: 1 });
    this.options.onOnline(true);
  }

  publish(topic: string, payload: string): void {
    this.client.publish(topic, payload, { qos: 1 });
  }

  close(): void {
    this.client.end(true);
  }
}
