import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { topics, type Priority } from '@frontdesk/protocol';
import { Authenticator, SERVER_USERNAME } from './auth/authenticator.js';
import {
  DeviceMessageLimiter,
  DeviceUploadLimiter,
  LoginLimiter,
  lockoutAuditEntry,
  loginLimitsFrom,
} from './auth/limiter.js';
import { TokenSigner, generateSecret } from './auth/secrets.js';
import { connectMqttBus, type MessageBus } from './broker/bus.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker/embedded.js';
import { brokerRefusals } from './broker/refusals.js';
import type { Config } from './config.js';
import { preparePrivateDir, privateFile } from './data-dir.js';
import { seedDemo } from './demo.js';
import {
  DEFAULT_ESCALATION_POLICIES,
  DEFAULT_TICKET_POLICIES,
  localDate,
  type EscalationPolicy,
  type TicketPolicies,
} from './domain/index.js';
import { buildHttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { FrontDesk } from './service/front-desk.js';
import { PeriodicJob, systemTimers, type Timers } from './service/clock.js';
import { HandoverPurge } from './service/handover-purge.js';
import { loadNodeOcrBackend, QueuedPhotoTextReader } from './service/photo-text.js';
import { PhotoService } from './service/photos.js';
import { applyRetention } from './service/retention.js';
import { SlaScheduler } from './service/sla-scheduler.js';
import { Understanding } from './service/understanding.js';
import { SimulatedWeChatLogin, WeChatCode2SessionLogin, type WeChatLogin } from './service/wechat.js';
import { FileBlobStore } from './store/file-blob-store.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { demoHospital, demoHotel } from './systems/demo-systems.js';
import { SimulatedHospitalSystem } from './systems/simulated-hospital-system.js';
import { SimulatedKeyEncoder } from './systems/simulated-key-encoder.js';
import { SimulatedPropertySystem } from './systems/simulated-property-system.js';
import { openSimulationDb } from './systems/simulation-db.js';
import type { Store } from './store/store.js';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningServer {
  httpUrl: string;
  /** MQTT over TCP for devices: the embedded listener or the external broker. */
  mqttUrl: string;
  mqttWsUrl: string;
  service: FrontDesk;
  store: Store;
  /** The simulated hotel PMS, key encoder and hospital system (the defaults; no real ones here). */
  systems: {
    property: SimulatedPropertySystem;
    keys: SimulatedKeyEncoder;
    hospital: SimulatedHospitalSystem;
  };
  metrics: Metrics;
  logger: Logger;
  close(): Promise<void>;
}

interface Secrets {
  serverSecret: string;
  tokenKey: string;
}

/** Per-installation secrets, created on first start, readable only by the server's user. */
function loadSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets = { serverSecret: generateSecret(32), tokenKey: generateSecret(32) };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function policies(config: Config): Record<Priority, EscalationPolicy> {
  const d = DEFAULT_ESCALATION_POLICIES;
  const reassure = (p: EscalationPolicy) => config.sla.reassureMs ?? p.reassureAfterMs;
  return {
    emergency: {
      ...d.emergency,
      claimWithinMs: config.sla.emergencyClaimMs ?? d.emergency.claimWithinMs,
      reassureAfterMs: reassure(d.emergency),
    },
    high: {
      ...d.high,
      claimWithinMs: config.sla.highClaimMs ?? d.high.claimWithinMs,
      reassureAfterMs: reassure(d.high),
    },
    routine: {
      ...d.routine,
      claimWithinMs: config.sla.routineClaimMs ?? d.routine.claimWithinMs,
      reassureAfterMs: reassure(d.routine),
    },
  };
}

function ticketPolicies(config: Config): TicketPolicies {
  const d = DEFAULT_TICKET_POLICIES;
  const { ticketEmergencyMs, ticketHighMs, ticketRoutineMs } = config.sla;
  return {
    emergency: { ...d.emergency, startWithinMs: ticketEmergencyMs ?? d.emergency.startWithinMs },
    high: { ...d.high, startWithinMs: ticketHighMs ?? d.high.startWithinMs },
    routine: { ...d.routine, startWithinMs: ticketRoutineMs ?? d.routine.startWithinMs },
  };
}

const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** The phone login the configuration asks for; null: phone sessions are refused (NOT_CONFIGURED). */
function wechatLogin(config: Config): WeChatLogin | null {
  const w = config.wechat;
  if (w.login === 'simulated') return new SimulatedWeChatLogin();
  if (w.login !== 'wechat') return null;
  return new WeChatCode2SessionLogin({ appId: w.appId, secret: w.secret, baseUrl: w.apiUrl });
}

/** The site of a staff member or device id (a locked-out principal), or null when it names neither. */
async function siteOfPrincipal(store: Store, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const member = await store.staff.get(id);
  if (member) return member.site;
  return (await store.devices.get(id))?.site ?? null;
}

function builtApp(relative: string): string | null {
  const dir = fileURLToPath(new URL(relative, import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * No hotel PMS, key encoder or hospital system exists here: the simulated ones, with their own
 * database (as the real ones have theirs), seeded with the demo bookings and appointments.
 */
function openSimulatedSystems(config: Config, now: number) {
  const simulationDb = openSimulationDb(privateFile(join(config.dataDir, 'simulated-systems.db')));
  const systems = {
    property: new SimulatedPropertySystem(simulationDb),
    keys: new SimulatedKeyEncoder(
      simulationDb,
      config.keyEncoderBlankCards === null ? {} : { blankCards: config.keyEncoderBlankCards },
    ),
    hospital: new SimulatedHospitalSystem(simulationDb),
  };
  if (config.demo) {
    const today = localDate(now, config.siteUtcOffsetMin);
    if (systems.property.isEmpty()) {
      const hotel = demoHotel(today);
      systems.property.seed(hotel.bookings, hotel.rooms);
    }
    if (systems.hospital.isEmpty()) systems.hospital.seed(demoHospital(today));
  }
  return { simulationDb, systems };
}

/** Personal data and expired handovers are deleted on schedule: at start, then periodically. */
async function startPurges(deps: {
  store: Store;
  photos: PhotoService;
  config: Config;
  timers: Timers;
  logger: Logger;
}) {
  const { store, photos, config, timers, logger } = deps;
  const retention = new PeriodicJob(timers, RETENTION_INTERVAL_MS, (at) =>
    applyRetention(store, photos, config.retention, at).then(
      (r) =>
        r.photos + r.conversations + r.authFailures > 0 ? logger.info(r, 'retention purge') : undefined,
      (err: unknown) => logger.error({ err }, 'retention purge failed'),
    ),
  );
  await retention.start();
  // Handover codes nobody took go when they expire; a phone's link to what it follows goes with the
  // conversation transcripts.
  const handoverPurge = new HandoverPurge({
    handovers: store.handovers,
    policy: { attachedKeepMs: config.retention.conversationDays * 24 * 60 * 60 * 1000 },
    intervalMs: config.handoverPurgeIntervalMs,
    timers,
    onPurged: (count) => logger.info({ count }, 'expired handovers purged'),
    onError: (err) => logger.error({ err }, 'handover purge failed'),
  });
  await handoverPurge.start();
  return {
    async stop() {
      await retention.stop();
      await handoverPurge.stop();
    },
  };
}

/** How long a shutdown waits for HTTP requests in flight before cutting them. */
const CLOSE_GRACE_MS = 3000;

/** The composition root: the one place that chooses implementations and wires them together. */
export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  preparePrivateDir(config.dataDir);
  const secrets = loadSecrets(config.dataDir);
  // The one clock and timer source of the server; everything below takes it.
  const timers = systemTimers;
  const now = () => timers.now();
  const store = openSqliteStore(privateFile(join(config.dataDir, 'frontdesk.db')));
  const metrics = new Metrics();
  const tokens = new TokenSigner(Buffer.from(secrets.tokenKey, 'base64url'));
  const authenticator = new Authenticator(store, tokens, secrets.serverSecret, now, {
    limiter: new LoginLimiter(loginLimitsFrom(config.authLockout)),
    onLockout: (lockout) => {
      logger.warn(lockout, 'sign-in locked out');
      const at = now();
      siteOfPrincipal(store, lockout.key === 'id' ? lockout.value : null)
        .then((site) => store.audit.append(lockoutAuditEntry(lockout, at, site)))
        .catch((err: unknown) => logger.error({ err }));
    },
  });

  const { simulationDb, systems } = openSimulatedSystems(config, now());

  let bus: MessageBus | null = null;
  let scheduler: SlaScheduler | null = null;
  let broker: EmbeddedBroker | null = null;
  const service = new FrontDesk({
    store,
    bus: {
      publish: async (topic, payload, opts) => {
        if (!bus) throw new Error('broker not connected yet');
        await bus.publish(topic, payload, opts);
      },
    },
    now,
    timers,
    newId: () => randomUUID(),
    logger,
    metrics,
    tokens,
    wechat: wechatLogin(config),
    policies: policies(config),
    ticketPolicies: ticketPolicies(config),
    onDeadline: (at) => scheduler?.wake(at),
    // An external broker's connections cannot be closed from here (README, "With an external Mosquitto").
    onDeviceRevoked: (deviceId) => broker?.disconnect(deviceId) ?? 0,
    systems: { ...systems, utcOffsetMin: config.siteUtcOffsetMin },
    ...(config.deviceRateLimits ? { messageLimiter: new DeviceMessageLimiter() } : {}),
  });

  let busUrl: string;
  let busPassword: string;
  if (config.mqttUrl) {
    busUrl = config.mqttUrl;
    busPassword = config.mqttPassword ?? secrets.serverSecret;
  } else {
    broker = await startEmbeddedBroker({
      dataDir: config.dataDir,
      host: config.host,
      port: config.mqttPort,
      authenticator,
      logger,
      compactEveryMs: config.mqttStoreCompactMs,
      heartbeatIntervalMs: config.mqttHeartbeatMs ?? undefined,
      events: brokerRefusals({
        audit: (actor, action, subject, detail, site) =>
          service.audit({ actor, action, subject, detail, site }),
        reject: (kind, id, code, reason, ref) => service.reject(kind, id, code, reason, ref),
        metrics,
        logger,
      }),
    });
    busUrl = `mqtt://127.0.0.1:${broker.port}`;
    busPassword = secrets.serverSecret;
  }

  try {
    bus = await connectMqttBus({
      url: busUrl,
      username: config.mqttUrl ? config.mqttUsername : SERVER_USERNAME,
      password: busPassword,
      clientId: SERVER_USERNAME,
      subscriptions: topics.serverSubscriptions,
      handler: (topic, payload) => service.handle(topic, payload),
      logger,
    });
  } catch (err) {
    await broker?.close();
    await store.close();
    simulationDb.close();
    throw err;
  }

  scheduler = new SlaScheduler(
    () => service.tick(),
    timers,
    (err) => logger.error({ err }, 'SLA tick failed'),
  );

  if (config.demo && (await seedDemo(store, service, now())))
    logger.info('seeded the demo hotel and hospital');

  const staticDirs = { kiosk: builtApp('../../kiosk/dist/'), staff: builtApp('../console/dist/') };
  let httpPort = config.port;
  const mqttEndpoints = () => ({
    tcp: broker
      ? `mqtt://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${broker.port}`
      : config.mqttUrl,
    ws: config.mqttWsUrl ?? `ws://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${httpPort}/mqtt`,
  });
  // OCR of fault photos for phones that cannot run it; the engine loads on the first request.
  const photoText = new QueuedPhotoTextReader({ load: loadNodeOcrBackend });
  // The committed intent model (onnxruntime-node), loaded once, in the background: the broker and the
  // kiosks do not wait for it; only `POST /api/understand`, the WeChat fallback, needs it.
  const intentModel = import('@frontdesk/models/node').then((m) => m.loadNodeIntentModel());
  intentModel.catch((err: unknown) => logger.error({ err }, 'intent model failed to load'));
  const understanding = new Understanding(intentModel, store.knowledgeBases, now);
  const photos = new PhotoService({
    store,
    blobs: new FileBlobStore(join(config.dataDir, 'photos')),
    clock: { now },
    metrics,
    diskBudgetBytes: config.photoDiskBudgetBytes,
    ...(config.deviceRateLimits ? { limiter: new DeviceUploadLimiter() } : {}),
  });
  const app = await buildHttpApp({
    store,
    service,
    photos,
    understanding,
    tokens,
    authenticator,
    metrics,
    logger,
    now,
    photoMaxBytes: config.photoMaxBytes,
    version: VERSION,
    staticDirs,
    mqttEndpoints,
    mqttWsOverride: config.mqttWsUrl,
    photoText,
    health: () => ({
      status: bus?.connected ? 'ok' : 'degraded',
      version: VERSION,
      broker: {
        mode: broker ? 'embedded' : 'external',
        connected: bus?.connected ?? false,
        ...(broker ? { port: broker.port } : {}),
      },
      store: { kind: store.kind, schemaVersion: store.schemaVersion() },
      uptimeS: Math.round((now() - metrics.startedAt) / 1000),
    }),
  });
  if (broker) broker.attachWebSocket(app.server);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  httpPort = typeof address === 'object' && address ? address.port : config.port;

  await service.recover();
  await scheduler.kick();

  const purges = await startPurges({ store, photos, config, timers, logger });

  const endpoints = mqttEndpoints();
  return {
    httpUrl: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${httpPort}`,
    mqttUrl: endpoints.tcp ?? busUrl,
    mqttWsUrl: endpoints.ws,
    service,
    store,
    systems,
    metrics,
    logger,
    async close() {
      await purges.stop();
      scheduler?.stop();
      service.stop();
      broker?.dropWebSocketClients();
      // A download in flight (a kiosk precaching ~50 MB of model files) must not hold a shutdown: after
      // a short grace every connection is cut; clients retry, and nothing unacknowledged is lost.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      await app.close();
      clearTimeout(cut);
      await photoText.close();
      await intentModel.then(
        (m) => m.close(),
        () => undefined,
      );
      await bus?.close();
      await broker?.close();
      await store.close();
      simulationDb.close();
    },
  };
}
