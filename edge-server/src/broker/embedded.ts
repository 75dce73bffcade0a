import { mkdirSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import aedesPersistenceLevel from 'aedes-persistence-level';
import { Level } from 'level';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { Logger } from 'pino';
import { MAX_UP_PAYLOAD_BYTES, canPublish, canSubscribe, type Principal } from '@frontdesk/protocol';
import type { Authenticator } from '../auth/authenticator.js';
import { sha256Hex } from '../auth/secrets.js';
import { deliverInAnyOrder } from './delivery-order.js';
import { WillGuard, WillRefusedError, type WillRefusal } from './wills.js';
import { PRIVATE_DIR_MODE } from '../data-dir.js';
import { scheduleCompaction, type CompactableDb } from './store-compaction.js';

export interface BrokerEvents {
  /** A client tried to publish or subscribe outside what it may; it is disconnected (publish) or refused (subscribe). */
  denied(
    principal: Principal,
    action: 'publish' | 'subscribe',
    topic: string,
    reason: string,
    payload?: Buffer,
  ): void;
  /**
   * A client published more than a message may carry (`MAX_UP_PAYLOAD_BYTES`): refused before the
   * broker acknowledges, stores or forwards it, so the connection is closed (MQTT 3.1.1 has no negative
   * PUBACK) and the client is told `PAYLOAD_TOO_LARGE` on its error topic.
   */
  tooLarge(principal: Principal, topic: string, bytes: number): void;
  authFailed(clientId: string, username: string | undefined, reason: string): void;
  /** A last-will outside the will rule: refused with CONNACK 5, or not published (docs/protocol.md). */
  willRefused(refusal: WillRefusal): void;
}

export interface EmbeddedBroker {
  readonly aedes: Aedes;
  /** Port the MQTT/TCP listener is bound to. */
  readonly port: number;
  /** Serve MQTT over WebSocket at `path` on an existing HTTP server. */
  attachWebSocket(server: HttpServer, path?: string): void;
  /**
   * End every MQTT-over-WebSocket connection now. An upgraded socket still belongs to the HTTP server,
   * whose close waits for it: without this a connected kiosk holds a shutdown until its keep-alive.
   */
  dropWebSocketClients(): void;
  /**
   * Close every live connection of this device or member of staff (a revoked kiosk): its client ids
   * are its id or `<id>.<suffix>`. Returns how many were closed. Its reconnect is then refused by
   * the authenticator.
   */
  disconnect(principalId: string): number;
  /** Live, authenticated connections by who holds them (for `/metrics`). */
  connections(): Record<Principal['kind'], number>;
  /**
   * Close the live connections of a member of staff that signed in with the secret whose SHA-256 is
   * `secretHash` (a session token that was signed out or refreshed away). Returns how many.
   */
  disconnectSession(principalId: string, secretHash: string): number;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  dataDir: string;
  host: string;
  port: number;
  authenticator: Authenticator;
  logger: Logger;
  events: BrokerEvents;
  /** How often the LevelDB files are compacted after traffic (store-compaction.ts). */
  compactEveryMs: number;
  /** Tests only: wrap the LevelDB persistence (to make its writes complete out of order, say). */
  wrapPersistence?: <P>(persistence: P) => P;
  /**
   * aedes' heartbeat; stored wills of a previous run are published every 4 heartbeats (aedes' default
   * 60 s, so 4 min after a crash). Tests shorten it.
   */
  heartbeatIntervalMs?: number;
}

const principals = new WeakMap<Client, Principal>();
/** The SHA-256 of the password each staff connection signed in with, to end one session's connections. */
const secretHashes = new WeakMap<Client, string>();

type AccessHooks = Pick<
  AedesOptions,
  'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'
>;

/** Authentication, the will rule and the ACL, as aedes hooks. */
function accessHooks(options: EmbeddedBrokerOptions, wills: WillGuard): AccessHooks {
  const { logger, events } = options;
  return {
    preConnect: wills.preConnect,
    authenticate(client, username, password, done) {
      const pass = password?.toString('utf8');
      // The remote address: the TCP socket's, or for MQTT over WebSocket the upgrade request's socket's.
      const address =
        client.req?.socket.remoteAddress ?? (client.conn as { remoteAddress?: string }).remoteAddress;
      options.authenticator.authenticate(client.id, username, pass, { address, via: 'mqtt' }).then(
        (result) => {
          if (!result.ok) {
            events.authFailed(client.id, username, result.reason);
            // Locked out or busy: CONNACK 3 "server unavailable" (try again later, docs/protocol.md), so a
            // kiosk keeps its secret and reconnects; 4 "bad user name or password" for wrong credentials.
            const returnCode = result.retryAfterMs === undefined ? (4 as const) : (3 as const);
            const err = Object.assign(new Error(result.reason), { returnCode });
            return done(err, false);
          }
          const refused = wills.refuseAtConnect(client, result.principal);
          if (refused) {
            const err = Object.assign(new Error(refused), { returnCode: 5 as const });
            return done(err, false);
          }
          principals.set(client, result.principal);
          if (result.principal.kind === 'staff' && pass !== undefined)
            secretHashes.set(client, sha256Hex(pass));
          // Before the session's subscriptions are restored, so no delivery can be dropped.
          deliverInAnyOrder(client);
          done(null, true);
        },
        (err: unknown) => {
          logger.error({ err }, 'authentication failed unexpectedly');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 as const }), false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      if (wills.isWill(client, packet))
        return wills.authorize(client, client ? principals.get(client) : undefined, packet, done);
      // Unreachable in aedes 1.2 (only wills come without a client); never let one through unchecked.
      if (!client) return done(new Error('a publish without a client that is not a will'));
      const principal = principals.get(client);
      if (!principal) return done(new Error('not authenticated'));
      // Before anything is acknowledged, persisted or forwarded: a 5 MB publish must not reach the
      // LevelDB store (or the server's queue) only to be refused by the codec afterwards.
      const bytes = packet.payload.length;
      if (principal.kind !== 'server' && bytes > MAX_UP_PAYLOAD_BYTES) {
        events.tooLarge(principal, packet.topic, bytes);
        return done(new Error(`payload of ${bytes} bytes exceeds ${MAX_UP_PAYLOAD_BYTES}`));
      }
      const decision = canPublish(principal, packet.topic);
      if (decision.allow) return done(null);
      events.denied(principal, 'publish', packet.topic, decision.reason, Buffer.from(packet.payload));
      // MQTT 3.1.1 has no negative PUBACK: the connection is closed (MQTT-3.3.5-2). The reason is also
      // published to the client's error topic by the denied() listener.
      return done(new Error(decision.reason));
    },
    authorizeSubscribe(client, sub, done) {
      const principal = principals.get(client);
      if (!principal) return done(new Error('not authenticated'));
      const decision = canSubscribe(principal, sub.topic);
      if (decision.allow) return done(null, sub);
      events.denied(principal, 'subscribe', sub.topic, decision.reason);
      // A negative SUBACK (0x80) for this filter; the connection stays up.
      return done(null, null);
    },
  };
}

/** The LevelDB store under DATA_DIR/mqtt (private), compacted after traffic, as aedes' persistence. */
function openBrokerStore(options: EmbeddedBrokerOptions) {
  const dir = `${options.dataDir}/mqtt`;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const db = new Level<string, Buffer>(dir, { valueEncoding: 'buffer' });
  const compaction = scheduleCompaction(db as unknown as CompactableDb, options.compactEveryMs, (err) =>
    options.logger.error({ err }, 'broker store compaction failed'),
  );
  const persistence = (options.wrapPersistence ?? ((p) => p))(aedesPersistenceLevel(db));
  return { db, compaction, persistence };
}

/** Keeps the set of connected clients, tells the compaction about traffic, and logs client errors. */
function watchBroker(aedes: Aedes, logger: Logger, compaction: { touched(): void }): Set<Client> {
  // Connected clients, to find a principal's connections (aedes keeps its own map private).
  const connected = new Set<Client>();
  aedes.on('publish', (packet) => (packet.qos > 0 || packet.retain ? compaction.touched() : undefined));
  aedes.on('ack', () => compaction.touched());
  aedes.on('client', (client) => connected.add(client));
  aedes.on('clientDisconnect', (client) => connected.delete(client));
  aedes.on('clientError', (client, err) =>
    logger.debug({ clientId: client.id, err: err.message }, 'mqtt client error'),
  );
  aedes.on('connectionError', (client, err) =>
    logger.debug({ clientId: client?.id, err: err.message }, 'mqtt connection error'),
  );
  // aedes emits 'error' when its loop over stored wills fails, a refused will included (reported by
  // willRefused already); without a listener that would throw and end the process.
  (aedes as unknown as NodeJS.EventEmitter).on('error', (err: Error) => {
    if (err instanceof WillRefusedError) return;
    logger.warn({ err: err.message }, 'mqtt broker error');
  });
  return connected;
}

/** The MQTT/TCP listener; resolves with the port it is bound to. */
async function listenTcp(
  aedes: Aedes,
  host: string,
  port: number,
): Promise<{ tcp: NetServer; port: number }> {
  // Nagle's algorithm held each small MQTT packet back ~40 ms (measured by the bench: p50 offer latency
  // 31.8 → 4.4 ms without it). MQTT traffic is small and latency-bound.
  const tcp: NetServer = createServer({ noDelay: true }, aedes.handle);
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => resolve());
  });
  const address = tcp.address();
  return { tcp, port: typeof address === 'object' && address ? address.port : port };
}

/**
 * aedes with its sessions, subscriptions, retained messages and QoS 1 queues in LevelDB files under
 * DATA_DIR/mqtt, so a restart keeps them. Authentication and the ACL are the same functions that
 * generate the external broker's configuration.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { logger, events } = options;
  const { db, compaction, persistence } = openBrokerStore(options);
  const wills = new WillGuard(
    (refusal) => events.willRefused(refusal),
    (clientId) => persistence.delWill({ id: clientId }),
  );
  const aedes = await Aedes.createBroker({
    persistence,
    // Kiosks that reconnect after a network cut replay their outbox; keep their queues bounded.
    queueLimit: 10_000,
    ...(options.heartbeatIntervalMs ? { heartbeatInterval: options.heartbeatIntervalMs } : {}),
    ...accessHooks(options, wills),
  });
  const connected = watchBroker(aedes, logger, compaction);
  const { tcp, port } = await listenTcp(aedes, options.host, options.port);
  const wssList: WebSocketServer[] = [];
  const closeWhere = (principalId: string, which: (client: Client) => boolean): number => {
    let closed = 0;
    for (const client of [...connected]) {
      const p = principals.get(client);
      if (!p || p.kind === 'server' || p.id !== principalId || !which(client)) continue;
      connected.delete(client);
      client.close();
      closed++;
    }
    return closed;
  };

  return {
    aedes,
    port,
    attachWebSocket(server, path = '/mqtt') {
      const wss = new WebSocketServer({ noServer: true });
      wssList.push(wss);
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname !== path) return;
        if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
        wss.handleUpgrade(req, socket, head, (ws) => {
          const stream = createWebSocketStream(ws);
          stream.on('error', () => ws.terminate());
          aedes.handle(stream, req);
        });
      });
    },
    dropWebSocketClients() {
      for (const wss of wssList) {
        for (const ws of wss.clients) ws.terminate();
      }
    },
    disconnect(principalId) {
      return closeWhere(principalId, () => true);
    },
    disconnectSession(principalId, secretHash) {
      return closeWhere(principalId, (client) => secretHashes.get(client) === secretHash);
    },
    connections() {
      const counts: Record<Principal['kind'], number> = { device: 0, staff: 0, server: 0 };
      for (const client of connected) {
        const p = principals.get(client);
        if (p) counts[p.kind]++;
      }
      return counts;
    },
    async close() {
      for (const wss of wssList) {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
      }
      // aedes first: it disconnects every client, which lets the TCP listener close.
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      // aedes does not close its persistence; the LevelDB lock must go before a restart can reopen it.
      await compaction.close();
      await db.close();
    },
  };
}
