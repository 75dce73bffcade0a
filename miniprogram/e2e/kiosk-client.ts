/** A lobby kiosk on MQTT, as the kiosk app talks to the server: requests on `up`, acks on `down`. */
import mqtt, { type MqttClient } from 'mqtt';
import { DEMO_KIOSK, waitUntil } from '../../kiosk/e2e/harness.js';

export class KioskClient {
  private readonly received: Array<{ type: string; body: Record<string, unknown> }> = [];
  private seq = 0;

  private constructor(private readonly client: MqttClient) {
    client.on('message', (_topic, payload) => {
      this.received.push(
        JSON.parse(payload.toString('utf8')) as { type: string; body: Record<string, unknown> },
      );
    });
  }

  static async connect(url: string): Promise<KioskClient> {
    const client = await mqtt.connectAsync(url, {
      clientId: `${DEMO_KIOSK.id}.e2e`,
      username: DEMO_KIOSK.id,
      password: DEMO_KIOSK.secret,
      protocolVersion: 4,
      clean: true,
    });
    await client.subscribeAsync(
      [`fd/v1/device/${DEMO_KIOSK.id}/down`, `fd/v1/device/${DEMO_KIOSK.id}/error`],
      {
        qos: 1,
      },
    );
    return new KioskClient(client);
  }

  /** Publishes a request and waits for the server's ack (an error fails the test). */
  async send(type: string, body: object): Promise<void> {
    const id = `kiosk-e2e-${Date.now()}-${this.seq++}`;
    const message = { v: 1, id, type, from: DEMO_KIOSK.id, ts: Date.now(), body };
    await this.client.publishAsync(`fd/v1/device/${DEMO_KIOSK.id}/up`, JSON.stringify(message), { qos: 1 });
    await waitUntil(() => this.received.some((m) => m.body.ref === id), 10_000, `the answer to ${type}`);
    const answer = this.received.find((m) => m.body.ref === id);
    if (answer?.type !== 'ack') throw new Error(`${type} refused: ${JSON.stringify(answer?.body)}`);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
