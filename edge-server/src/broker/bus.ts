import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export interface PublishOptions {
  qos?: 0 | 1;
  retain?: boolean;
}

/** Called once per delivered message; the broker is acknowledged only after it resolves. */
export type MessageHandler = (topic: string, payload: Buffer) => Promise<void>;

/**
 * The server's one connection to the broker, whichever broker it is (embedded aedes or an external
 * Mosquitto/EMQX): a persistent session (clean: false) with QoS 1 subscriptions, so what devices
 * publish while the server is restarting waits in the broker, and a PUBACK that is sent only after the
 * handler has committed — a crash before that means redelivery, which the inbox makes harmless.
 */
export interface MessageBus {
  /** Queues a message for the broker; resolves once queued, not when the broker acknowledges it. */
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface MqttBusOptions {
  url: string;
  username: string;
  password: string;
  clientId: string;
  subscriptions: readonly string[];
  handler: MessageHandler;
  logger: Logger;
}

export async function connectMqttBus(options: MqttBusOptions): Promise<MessageBus> {
  const clientOptions: IClientOptions = {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    // Large enough for every kiosk's retained state to be replayed at once after a restart.
    resubscribe: true,
  };
  const client: MqttClient = mqtt.connect(options.url, clientOptions);
  // mqtt.js sends the PUBACK when this callback is called: only after the message is handled.
  client.handleMessage = (packet, done) => {
    options.handler(packet.topic, packet.payload as Buffer).then(
      () => done(),
      (err: unknown) => {
        // A handler never throws for bad input (that is answered on the error topic); reaching here
        // means the store failed. Acknowledge anyway would lose the message, so leave it unacked and
        // reconnect: the broker redelivers.
        options.logger.error({ err, topic: packet.topic }, 'message handler failed; forcing redelivery');
        client.stream.destroy();
      },
    );
  };
  client.on('error', (err) => options.logger.warn({ err: err.message }, 'broker connection error'));
  client.on('reconnect', () => options.logger.info('reconnecting to the broker'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      client.end(true);
      reject(err);
    };
    client.once('error', onError);
    client.once('connect', () => {
      client.off('error', onError);
      resolve();
    });
  });
  await client.subscribeAsync(
    options.subscriptions.map((topic) => topic),
    { qos: 1 },
  );
  return {
    get connected() {
      return client.connected;
    },
    async publish(topic, payload, opts = {}) {
      // Not awaiting the PUBACK is deliberate: this is usually called from inside the message handler,
      // and mqtt.js reads the next packet (that PUBACK) only after the handler returns. mqtt.js keeps
      // the message in its outgoing store and resends it after a reconnect.
      client.publish(topic, payload, { qos: opts.qos ?? 1, retain: opts.retain ?? false }, (err) => {
        if (err) options.logger.warn({ err: err.message, topic }, 'publish failed');
      });
    },
    async close() {
      await client.endAsync();
    },
  };
}
