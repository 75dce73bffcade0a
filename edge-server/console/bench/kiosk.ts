/**
 * The lobby kiosk as a bare MQTT client (what `edge-server/test` does): publishes `escalation.raise` as
 * the kiosk does on its `up` topic and records when each `escalation.updated` status arrives on `down`.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { nodeNow } from './page.js';

export class KioskClient {
  /** `${escalationId} ${status}` → when it first arrived (this process's clock, ms). */
  private readonly arrivals = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();
  private seq = 0;

  private constructor(
    private readonly client: MqttClient,
    private readonly id: string,
  ) {
    client.on('message', (_topic, payload) => {
      const at = nodeNow();
      const m = JSON.parse(payload.toString('utf8')) as {
        type: string;
        body: { escalation?: { id: string; status: string } };
      };
      if (m.type !== 'escalation.updated' || !m.body.escalation) return;
      const key = `${m.body.escalation.id} ${m.body.escalation.status}`;
      if (this.arrivals.has(key)) return;
      this.arrivals.set(key, at);
      this.waiters.get(key)?.();
    });
  }

  static async connect(url: string, kiosk: { id: string; secret: string }): Promise<KioskClient> {
    const client = await mqtt.connectAsync(url, {
      clientId: `${kiosk.id}.bench`,
      username: kiosk.id,
      password: kiosk.secret,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    await client.subscribeAsync([`fd/v1/device/${kiosk.id}/down`, `fd/v1/device/${kiosk.id}/error`], {
      qos: 1,
    });
    return new KioskClient(client, kiosk.id);
  }

  /** Raises escalation `id` as a guest asking for a person; returns when it was published. */
  async raise(id: string): Promise<number> {
    const at = Date.now();
    const body = {
      escalationId: id,
      conversationId: `conv-${id}`,
      trigger: 'asked_for_person',
      lang: 'zh',
      summary: '我想找前台工作人员',
      transcript: [{ role: 'guest', text: '我想找前台工作人员', at }],
      intents: [],
    };
    const message = {
      v: 1,
      id: `${this.id}-bench-${this.seq++}`,
      type: 'escalation.raise',
      from: this.id,
      ts: at,
      body,
    };
    const publishedAt = nodeNow();
    await this.client.publishAsync(`fd/v1/device/${this.id}/up`, JSON.stringify(message), { qos: 1 });
    return publishedAt;
  }

  /** When `escalation.updated` with `status` for `id` arrived (waits for it up to `timeoutMs`). */
  async waitForStatus(id: string, status: string, timeoutMs: number): Promise<number> {
    const key = `${id} ${status}`;
    const known = this.arrivals.get(key);
    if (known !== undefined) return known;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`the kiosk got no escalation.updated ${status} for ${id} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        this.waiters.delete(key);
        resolve();
      });
    });
    return this.arrivals.get(key) as number;
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
