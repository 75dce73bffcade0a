import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { topics } from '@frontdesk/protocol';
import { Authenticator, SERVER_USERNAME } from './auth/authenticator.js';
import {
  DeviceMessageLimiter,
  DeviceUploadLimiter,
  LoginLimiter,
  lockoutAuditEntry,
  loginLimitsFrom,
} from './auth/limiter.js';
import { TokenSigner } from './auth/secrets.js';
import {
  loadSecrets,
  openSimulatedSystems,
  policies,
  siteOfPrincipal,
  ticketPolicies,
  wechatLogin,
  type Secrets,
  type SimulatedSystems,
} from './boot/choices.js';
import { startPurges } from './boot/purges.js';
import { connectMqttBus, type MessageBus } from './broker/bus.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker/embedded.js';
import { brokerRefusals } from './broker/refusals.js';
import type { Config } from './config.js';
import { preparePrivateDir, privateFile } from './data-dir.js';
import { seedDemo } from './demo.js';
import { buildHttpApp } from './http/app.js';
import { createLogger, logDestination } from './logger.js';
import { Metrics } from './metrics.js';
import { prometheusRegistry } from './prometheus.js';
import { FrontDesk } from './service/front-desk.js';
import { systemTimers, type Timers } from './service/clock.js';
import { loadNodeOcrBackend, QueuedPhotoTextReader } from './service/photo-text.js';
import { PhotoService } from './service/photos.js';
import { SlaScheduler } from './service/sla-scheduler.js';
import { Understanding } from './service/understanding.js';
import { FileBlobStore } from './store/file-blob-store.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { StaffAccounts } from './service/staff-account.js';
import type { SimulatedHospitalSystem } from './systems/simulated-hospital-system.js';
import type { SimulatedKeyEncoder } from './systems/simulated-key-encoder.js';
import type { SimulatedPropertySystem } from './systems/simulated-property-system.js';
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

function builtApp(relative: string): string | null {
  const dir = fileURLToPath(new URL(relative, import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/** How long a shutdown waits for HTTP requests in flight before cutting them. */
const CLOSE_GRACE_MS = 3000;

/** What everything else is built on: the clock, the store, the secrets, sign-in, the simulated systems. */
interface Core {
  logger: Logger;
  timers: Timers;
  now: () => number;
  secrets: Secrets;
  store: ReturnType<typeof openSqliteStore>;
  metrics: Metrics;
  tokens: TokenSigner;
  authenticator: Authenticator;
  simulation: SimulatedSystems;
}

/** Parts created later than the service that uses them (it publishes through the bus, say). */
interface Late {
  bus: MessageBus | null;
  scheduler: SlaScheduler | null;
  broker: EmbeddedBroker | null;
}

function openCore(config: Config, logger: Logger): Core {
  preparePrivateDir(config.dataDir);
  const secrets = loadSecrets(config.dataDir);
  // The one clock and timer source of the server; everything below takes it.
  const timers = systemTimers;
  const now = () => timers.now();
  const store = openSqliteStore(privateFile(join(config.dataDir, 'frontdesk.db')));
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
  const simulation = openSimulatedSystems(config, now());
  return { logger, timers, now, secrets, store, metrics: new Metrics(), tokens, authenticator, simulation };
}

function createService(config: Config, core: Core, late: Late): FrontDesk {
  return new FrontDesk({
    store: core.store,
    bus: {
      publish: async (topic, payload, opts) => {
        if (!late.bus) throw new Error('broker not connected yet');
        await late.bus.publish(topic, payload, opts);
      },
    },
    now: core.now,
    timers: core.timers,
    newId: () => randomUUID(),
    logger: core.logger,
    metrics: core.metrics,
    tokens: core.tokens,
    wechat: wechatLogin(config),
    policies: policies(config),
    ticketPolicies: ticketPolicies(config),
    onDeadline: (at) => late.scheduler?.wake(at),
    // An external broker's connections cannot be closed from here (README, "With an external Mosquitto").
    onDeviceRevoked: (deviceId) => late.broker?.disconnect(deviceId) ?? 0,
    systems: { ...core.simulation.systems, utcOffsetMin: config.siteUtcOffsetMin },
    ...(config.deviceRateLimits ? { messageLimiter: new DeviceMessageLimiter() } : {}),
  });
}

/** The embedded broker (unless MQTT_URL names an external one) and the server's own connection to it. */
async function startMessaging(config: Config, core: Core, service: FrontDesk, late: Late): Promise<string> {
  const { logger, metrics, secrets } = core;
  let busUrl = config.mqttUrl ?? '';
  let busPassword = config.mqttPassword ?? secrets.serverSecret;
  if (!config.mqttUrl) {
    late.broker = await startEmbeddedBroker({
      dataDir: config.dataDir,
      host: config.host,
      port: config.mqttPort,
      authenticator: core.authenticator,
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
    busUrl = `mqtt://127.0.0.1:${late.broker.port}`;
    busPassword = secrets.serverSecret;
  }
  try {
    late.bus = await connectMqttBus({
      url: busUrl,
      username: config.mqttUrl ? config.mqttUsername : SERVER_USERNAME,
      password: busPassword,
      clientId: SERVER_USERNAME,
      subscriptions: topics.serverSubscriptions,
      handler: (topic, payload) => service.handle(topic, payload),
      logger,
    });
  } catch (err) {
    await late.broker?.close();
    await core.store.close();
    core.simulation.simulationDb.close();
    throw err;
  }
  return busUrl;
}

/** The address clients are told to use: a wildcard listen address is reached on loopback. */
const reachable = (host: string) => (host === '0.0.0.0' ? '127.0.0.1' : host);

/** The HTTP API and the apps, with the readers behind it (photos, OCR, the intent model). */
async function startWeb(config: Config, core: Core, service: FrontDesk, late: Late) {
  const { store, now, metrics, logger } = core;
  let httpPort = config.port;
  const mqttEndpoints = () => ({
    tcp: late.broker ? `mqtt://${reachable(config.host)}:${late.broker.port}` : config.mqttUrl,
    ws: config.mqttWsUrl ?? `ws://${reachable(config.host)}:${httpPort}/mqtt`,
  });
  // OCR of fault photos for phones that cannot run it; the engine loads on the first request.
  const photoText = new QueuedPhotoTextReader({ load: loadNodeOcrBackend });
  // The committed intent model (onnxruntime-node), loaded once, in the background: the broker and the
  // kiosks do not wait for it; only `POST /api/understand`, the WeChat fallback, needs it.
  const intentModel = import('@frontdesk/models/node').then((m) => m.loadNodeIntentModel());
  intentModel.catch((err: unknown) => logger.error({ err }, 'intent model failed to load'));
  const photos = new PhotoService({
    store,
    blobs: new FileBlobStore(join(config.dataDir, 'photos')),
    clock: { now },
    metrics,
    diskBudgetBytes: config.photoDiskBudgetBytes,
    ...(config.deviceRateLimits ? { limiter: new DeviceUploadLimiter() } : {}),
  });
  const accounts = new StaffAccounts({
    store,
    tokens: core.tokens,
    authenticator: core.authenticator,
    timers: core.timers,
    graceMs: config.staffRefreshGraceMs,
    // An external broker's connections cannot be closed from here (README, "With an external Mosquitto").
    connections: () =>
      late.broker && {
        all: (staffId) => late.broker?.disconnect(staffId) ?? 0,
        ofToken: (staffId, tokenHash) => late.broker?.disconnectSession(staffId, tokenHash) ?? 0,
      },
  });
  const app = await buildHttpApp({
    store,
    service,
    photos,
    accounts,
    understanding: new Understanding(intentModel, store.knowledgeBases, now),
    tokens: core.tokens,
    authenticator: core.authenticator,
    metrics,
    prometheus: prometheusRegistry({
      metrics,
      store,
      now,
      connections: () => late.broker?.connections() ?? null,
    }),
    logger,
    now,
    photoMaxBytes: config.photoMaxBytes,
    version: VERSION,
    staticDirs: {
      kiosk: builtApp('../../kiosk/dist/'),
      staff: builtApp('../console/dist/'),
      phone: builtApp('../../miniprogram/dist/h5/'),
    },
    mqttEndpoints,
    mqttWsOverride: config.mqttWsUrl,
    photoText,
    health: () => health(core, late),
  });
  if (late.broker) late.broker.attachWebSocket(app.server);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  httpPort = typeof address === 'object' && address ? address.port : config.port;
  return { app, httpPort, photos, photoText, intentModel, mqttEndpoints };
}

function health(core: Core, late: Late) {
  const { bus, broker } = late;
  return {
    status: bus?.connected ? 'ok' : 'degraded',
    version: VERSION,
    broker: {
      mode: broker ? 'embedded' : 'external',
      connected: bus?.connected ?? false,
      ...(broker ? { port: broker.port } : {}),
    },
    store: { kind: core.store.kind, schemaVersion: core.store.schemaVersion() },
    uptimeS: Math.round((core.now() - core.metrics.startedAt) / 1000),
  };
}

/** The composition root: the one place that chooses implementations and wires them together. */
export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const core = openCore(
    config,
    options.logger ?? createLogger(config.logLevel, logDestination(config.logFormat)),
  );
  const { store, logger, metrics, timers } = core;
  const late: Late = { bus: null, scheduler: null, broker: null };
  const service = createService(config, core, late);
  const busUrl = await startMessaging(config, core, service, late);
  const scheduler = new SlaScheduler(
    () => service.tick(),
    timers,
    (err) => logger.error({ err }, 'SLA tick failed'),
  );
  late.scheduler = scheduler;
  if (config.demo && (await seedDemo(store, service, core.now())))
    logger.info('seeded the demo hotel and hospital');
  const web = await startWeb(config, core, service, late);
  await service.recover();
  await scheduler.kick();
  const purges = await startPurges({ store, photos: web.photos, config, timers, logger });

  const endpoints = web.mqttEndpoints();
  return {
    httpUrl: `http://${reachable(config.host)}:${web.httpPort}`,
    mqttUrl: endpoints.tcp ?? busUrl,
    mqttWsUrl: endpoints.ws,
    service,
    store,
    systems: core.simulation.systems,
    metrics,
    logger,
    async close() {
      await purges.stop();
      scheduler.stop();
      service.stop();
      late.broker?.dropWebSocketClients();
      // A download in flight (a kiosk precaching ~50 MB of model files) must not hold a shutdown: after
      // a short grace every connection is cut; clients retry, and nothing unacknowledged is lost.
      const cut = setTimeout(() => web.app.server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      await web.app.close();
      clearTimeout(cut);
      await web.photoText.close();
      await web.intentModel.then(
        (m) => m.close(),
        () => undefined,
      );
      await late.bus?.close();
      await late.broker?.close();
      await store.close();
      core.simulation.simulationDb.close();
    },
  };
}
