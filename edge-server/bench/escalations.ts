/**
 * Load benchmark of the escalation path (issue 2): N kiosks and M staff consoles on loopback, a real
 * edge server in this process, escalations raised at a set total rate for a bounded time. Measures
 * kiosk publish → staff receives `escalation.offered`, then the same kiosk → staff hop through a bare
 * aedes with no server logic, for the ratio. Prints one JSON object on stdout; progress goes to stderr.
 *
 *   npm run bench -w @frontdesk/edge-server -- --kiosks 200 --staff 50 --rate 20 --seconds 20
 *
 * Everything (server, broker, clients) shares one process and one event loop: latencies include the
 * clients' own work, and RSS is the whole process's. See bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import {
  Server as NetServerClass,
  Socket,
  createServer,
  type AddressInfo,
  type Server as NetServer,
} from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Aedes } from 'aedes';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { envelope, topics, type KnowledgeBaseInput } from '@frontdesk/protocol';
import { generateSecret, hashSecret } from '../src/auth/secrets.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startServer, type RunningServer } from '../src/server.js';

// ---- options ------------------------------------------------------------------------------------

interface Options {
  kiosks: number;
  staff: number;
  rate: number;
  seconds: number;
  graceS: number;
  claimShare: number;
  seed: number;
  connectBatch: number;
  /** Diagnostic: set TCP_NODELAY on every socket the brokers accept (see README). */
  tcpNoDelay: boolean;
  /** SLA_REASSURE_MS for the server (its default, 30 s, fires after a 20 s run); null = default. */
  reassureMs: number | null;
}

function numberOption(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}]`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      kiosks: { type: 'string' },
      staff: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      grace: { type: 'string' },
      'claim-share': { type: 'string' },
      seed: { type: 'string' },
      'connect-batch': { type: 'string' },
      'tcp-nodelay': { type: 'boolean' },
      'reassure-ms': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    kiosks: Math.floor(numberOption(values.kiosks, 'kiosks', 200, 1, 5000)),
    staff: Math.floor(numberOption(values.staff, 'staff', 50, 1, 1000)),
    rate: numberOption(values.rate, 'rate', 20, 0.1, 5000),
    seconds: numberOption(values.seconds, 'seconds', 20, 1, 600),
    graceS: numberOption(values.grace, 'grace', 5, 0, 120),
    claimShare: numberOption(values['claim-share'], 'claim-share', 0.5, 0, 1),
    seed: Math.floor(numberOption(values.seed, 'seed', 42, 0, 2 ** 32 - 1)),
    connectBatch: Math.floor(numberOption(values['connect-batch'], 'connect-batch', 25, 1, 1000)),
    tcpNoDelay: values['tcp-nodelay'] ?? false,
    reassureMs:
      values['reassure-ms'] === undefined
        ? null
        : Math.floor(numberOption(values['reassure-ms'], 'reassure-ms', 30_000, 1, 3_600_000)),
  };
}

// ---- helpers ------------------------------------------------------------------------------------

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / (1024 * 1024), 1);

/** mulberry32: a small seeded PRNG, so runs pick the same kiosks and claims. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Diagnostic only: turns Nagle off on every accepted TCP connection in this process (the embedded
 * broker's and the bare broker's), without touching server code, to show what it costs.
 */
function forceNoDelayOnAcceptedSockets(): void {
  type Emit = (this: NetServer, event: string | symbol, ...args: unknown[]) => boolean;
  const emit = NetServerClass.prototype.emit as Emit;
  const patched: Emit = function (event, ...args) {
    const socket = args[0];
    if (event === 'connection' && socket instanceof Socket) socket.setNoDelay(true);
    return emit.call(this, event, ...args);
  };
  NetServerClass.prototype.emit = patched as NetServer['emit'];
}

interface Stats {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentiles, in ms with 2 decimals. */
function stats(values: number[]): Stats {
  if (values.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sum / sorted.length),
  };
}

/** Samples `process.memoryUsage().rss` every 500 ms while running. */
function rssSampler() {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage().rss;
      peak = Math.max(peak, end);
      return { start: mb(start), peak: mb(peak), end: mb(end) };
    },
  };
}

function loopDelay() {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    stop() {
      h.disable();
      const ms = (ns: number) => round(ns / 1e6);
      return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
    },
  };
}

/** Errors on established client connections, by client: reported, and a reason to look closer. */
const clientErrors: string[] = [];

function drainClientErrors() {
  const all = clientErrors.splice(0);
  return { count: all.length, sample: all.slice(0, 5) };
}

/** Connects one client; rejects on error or after `timeoutMs`. No automatic reconnect. */
function connectClient(url: string, options: IClientOptions, timeoutMs: number): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: timeoutMs, ...options });
    const timer = setTimeout(() => {
      client.end(true);
      reject(new Error(`${String(options.clientId)}: no CONNACK within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('connect', () => {
      clearTimeout(timer);
      client.removeAllListeners('error');
      // After the connection is up, an error (EPIPE, ECONNRESET, a refused publish) is counted, never thrown.
      client.on('error', (err) => {
        clientErrors.push(`${String(options.clientId)}: ${err.message}`);
      });
      resolve(client);
    });
    client.once('error', (err) => {
      clearTimeout(timer);
      client.end(true);
      reject(new Error(`${String(options.clientId)}: ${err.message}`));
    });
  });
}

/** Runs `fn` over `items` in batches of `size`, bounded by a deadline. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  deadline: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (performance.now() > deadline)
      throw new Error(`connecting took too long (${out.length}/${items.length})`);
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return out;
}

async function endAll(clients: MqttClient[]): Promise<void> {
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            c.end(true);
            resolve();
          }, 3000);
          c.end(false, {}, () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
}

/** Sends `total` items at `rate` per second on schedule; stops on count or after `seconds` (+1 s slack). */
async function paced(
  rate: number,
  seconds: number,
  send: (i: number) => void,
): Promise<{ sent: number; maxLagMs: number }> {
  const total = Math.max(1, Math.round(rate * seconds));
  const t0 = performance.now();
  const hardStop = t0 + (seconds + 1) * 1000;
  let sent = 0;
  let maxLagMs = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - t0) / 1000) * rate) + 1);
      while (sent < due && performance.now() < hardStop) {
        maxLagMs = Math.max(maxLagMs, performance.now() - (t0 + (sent * 1000) / rate));
        send(sent);
        sent++;
      }
      if (sent >= total || performance.now() >= hardStop) return resolve();
      setTimeout(tick, Math.max(0, t0 + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
  return { sent, maxLagMs: round(maxLagMs) };
}

/** Waits until `done()` or `graceMs` elapsed; returns how long it waited. */
async function settle(graceMs: number, done: () => boolean): Promise<number> {
  const t0 = performance.now();
  while (!done() && performance.now() - t0 < graceMs) await sleep(50);
  return round(performance.now() - t0, 0);
}

interface DownLike {
  type?: string;
  body?: {
    ref?: string;
    code?: string;
    event?: string;
    escalation?: { id?: string; assignee?: { id?: string } | null };
  };
}

function parseDown(payload: Buffer): DownLike | null {
  try {
    const v = JSON.parse(payload.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as DownLike) : null;
  } catch {
    return null;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const kioskIds = (n: number) => Array.from({ length: n }, (_, i) => `bench-kiosk-${pad(i + 1, 4)}`);
const staffIds = (n: number) => Array.from({ length: n }, (_, i) => `bench-staff-${pad(i + 1, 4)}`);

const SITE = 'bench-hotel';
const KIOSK_PLACE = 'b-lobby';
const STAFF_PLACE = 'b-front-desk';

/** One floor, a few places and walkable edges, a routing rule: asked_for_person → front_desk. */
function benchKnowledgeBase(): KnowledgeBaseInput {
  const name = (en: string, zh: string) => ({ en, zh });
  const place = (
    id: string,
    en: string,
    zh: string,
    kind: KnowledgeBaseInput['places'][number]['kind'],
    x: number,
    y: number,
  ) => ({
    id,
    name: name(en, zh),
    aliases: [],
    floor: 'F1',
    x,
    y,
    kind,
  });
  return {
    site: SITE,
    kind: 'hotel',
    name: name('Bench Hotel', '压测酒店'),
    faq: [{ intent: 'greeting', answer: name('Hello.', '您好。') }],
    floors: [
      {
        id: 'F1',
        name: name('Ground floor', '一层'),
        level: 1,
        svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"></svg>',
      },
    ],
    places: [
      place(KIOSK_PLACE, 'Lobby kiosk', '大堂自助机', 'kiosk', 50, 150),
      place('b-junction', 'Lobby', '大堂', 'junction', 150, 150),
      place(STAFF_PLACE, 'Front desk', '前台', 'service', 250, 100),
      place('b-concierge', 'Concierge', '礼宾部', 'service', 250, 200),
      place('b-entrance', 'Main entrance', '正门', 'entrance', 150, 280),
    ],
    edges: [
      { from: KIOSK_PLACE, to: 'b-junction', via: 'walk', costM: 10 },
      { from: 'b-junction', to: STAFF_PLACE, via: 'walk', costM: 12 },
      { from: 'b-junction', to: 'b-concierge', via: 'walk', costM: 12 },
      { from: 'b-junction', to: 'b-entrance', via: 'walk', costM: 13 },
    ],
    faultCodes: [],
    routing: [
      { when: { trigger: 'asked_for_person' }, skill: 'front_desk', priority: 'routine' },
      { when: {}, skill: 'front_desk', priority: 'routine' },
    ],
  };
}

/** A valid `escalation.raise` envelope; the send time rides in `ts` and in the summary. */
function raiseEnvelope(kioskId: string, n: number, tag: string, sentAtMs: number) {
  const escalationId = `be-${tag}-${n}`;
  return {
    escalationId,
    payload: JSON.stringify(
      envelope(
        'escalation.raise',
        {
          escalationId,
          conversationId: `bc-${tag}-${n}`,
          trigger: 'asked_for_person',
          lang: 'en',
          intent: 'human_agent',
          summary: `Guest asked for a person (bench #${n}, sent at ${sentAtMs})`,
          transcript: [{ role: 'guest', text: 'Can I talk to someone at the front desk?', at: sentAtMs }],
          intents: ['human_agent'],
          photoIds: [],
          vip: false,
        },
        { id: `raise-${tag}-${n}`, from: kioskId, ts: sentAtMs },
      ),
    ),
  };
}

// ---- the server run -----------------------------------------------------------------------------

async function runServer(opts: Options) {
  const rss = rssSampler();
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-'));
  const clients: MqttClient[] = [];
  let server: RunningServer | null = null;
  let closing = false;
  try {
    // The server logs to stderr so that stdout carries only the JSON result.
    const logger = createLogger('warn', process.stderr);
    server = await startServer(
      loadConfig({
        PORT: '0',
        MQTT_PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: '0',
        LOG_LEVEL: 'warn',
        // High --rate runs send far more per kiosk than its budget; this measures the pipeline itself.
        DEVICE_RATE_LIMITS: 'off',
        ...(opts.reassureMs === null ? {} : { SLA_REASSURE_MS: String(opts.reassureMs) }),
      }),
      { logger },
    );
    const srv = server;
    log(`server up: ${srv.mqttUrl}, data in ${dataDir}`);

    // Time each message the server handles (it handles one at a time: see bus.ts handleMessage).
    const handleMs = new Map<string, number[]>();
    const originalHandle = srv.service.handle.bind(srv.service);
    srv.service.handle = async (topic, payload) => {
      const t = performance.now();
      try {
        await originalHandle(topic, payload);
      } finally {
        const parts = topic.split('/');
        const key = `${parts[2] ?? '?'}/${parts[4] ?? '?'}`;
        const list = handleMs.get(key) ?? [];
        list.push(performance.now() - t);
        handleMs.set(key, list);
      }
    };

    // And each SLA tick (every pending escalation's timers, run when the nearest deadline is due).
    const tickMs: number[] = [];
    const originalTick = srv.service.tick.bind(srv.service);
    srv.service.tick = async () => {
      const t = performance.now();
      try {
        return await originalTick();
      } finally {
        tickMs.push(performance.now() - t);
      }
    };

    const kb = await srv.service.publishKnowledgeBase(benchKnowledgeBase(), {
      actor: 'bench',
      reason: 'bench',
    });
    if (!kb.ok) throw new Error(`bench knowledge base rejected: ${kb.problems.join('; ')}`);

    const now = Date.now();
    const kiosks = kioskIds(opts.kiosks).map((id) => ({ id, secret: generateSecret(18) }));
    const staff = staffIds(opts.staff).map((id) => ({ id, secret: generateSecret(18) }));
    const seedStart = performance.now();
    await inBatches(staff, 8, Infinity, async (s) => {
      await srv.store.staff.put({
        id: s.id,
        site: SITE,
        name: `Bench ${s.id}`,
        role: 'staff',
        skills: ['front_desk'],
        passwordHash: await hashSecret(s.secret),
        disabled: false,
        createdAt: now,
      });
      await srv.store.staff.putPresence({
        staffId: s.id,
        online: false,
        onDuty: true,
        place: STAFF_PLACE,
        updatedAt: now,
      });
    });
    await inBatches(kiosks, 8, Infinity, async (k) => {
      await srv.store.devices.put({
        id: k.id,
        site: SITE,
        kind: 'kiosk',
        name: `Bench ${k.id}`,
        place: KIOSK_PLACE,
        secretHash: await hashSecret(k.secret),
        expiresAt: null,
        revoked: false,
        createdAt: now,
      });
    });
    log(
      `seeded ${kiosks.length} kiosks and ${staff.length} staff in ${round((performance.now() - seedStart) / 1000)} s`,
    );

    // ---- bookkeeping
    const rng = prng(opts.seed);
    const sentAt = new Map<string, number>();
    const firstOfferAt = new Map<string, number>();
    const offeredTo = new Map<string, Set<string>>();
    const latencies: number[] = [];
    const ackLatencies: number[] = [];
    const claimLatencies: number[] = [];
    const raiseSent = new Map<string, number>(); // raise message id → sent time
    const claimSentAt = new Map<string, number>(); // escalation id → claim sent time
    const offersPerStaff = new Map<string, number>();
    const errors: Record<string, number> = {};
    let duplicates = 0;
    let unknownOffers = 0;
    let offersTotal = 0;
    let raiseAcks = 0;
    let claimAcks = 0;
    let claimsConfirmed = 0;
    let guestUpdates = 0;
    let unexpectedCloses = 0;
    const tag = `${opts.seed}`;

    const closedIds: string[] = [];
    const onClose = (id: string) => () => {
      if (closing) return;
      unexpectedCloses++;
      if (closedIds.length < 10)
        closedIds.push(`${id} at +${round((performance.now() - connectStartAt) / 1000, 1)} s`);
    };
    const connectStartAt = performance.now();

    // ---- connect staff (online, retained) then kiosks, in batches
    const connectStart = performance.now();
    const connectDeadline = connectStart + 120_000;
    const staffClients = await inBatches(staff, opts.connectBatch, connectDeadline, async (s) => {
      const status = topics.staff(s.id, 'status');
      const c = await connectClient(
        srv.mqttUrl,
        {
          clientId: s.id,
          username: s.id,
          password: s.secret,
          clean: true,
          protocolVersion: 4,
          will: { topic: status, payload: Buffer.from('{"v":1,"state":"offline"}'), qos: 1, retain: true },
        },
        20_000,
      );
      clients.push(c);
      c.on('close', onClose(s.id));
      c.on('message', (topic, payload) => {
        const t = performance.now();
        const msg = parseDown(payload);
        if (!msg) return;
        if (topic.endsWith('/error')) {
          const code = msg.body?.code ?? 'unknown';
          errors[`staff:${code}`] = (errors[`staff:${code}`] ?? 0) + 1;
          return;
        }
        if (msg.type === 'escalation.offered') {
          const id = msg.body?.escalation?.id ?? '';
          offersTotal++;
          offersPerStaff.set(s.id, (offersPerStaff.get(s.id) ?? 0) + 1);
          const sent = sentAt.get(id);
          if (sent === undefined) {
            unknownOffers++;
            return;
          }
          const seen = offeredTo.get(id) ?? new Set<string>();
          if (seen.has(s.id)) duplicates++;
          seen.add(s.id);
          offeredTo.set(id, seen);
          if (!firstOfferAt.has(id)) {
            firstOfferAt.set(id, t);
            latencies.push(t - sent);
            if (rng() < opts.claimShare) {
              claimSentAt.set(id, performance.now());
              c.publish(
                topics.staff(s.id, 'up'),
                JSON.stringify(
                  envelope(
                    'escalation.claim',
                    { escalationId: id },
                    { id: `claim-${id}`, from: s.id, ts: Date.now() },
                  ),
                ),
                { qos: 1 },
              );
            }
          }
        } else if (msg.type === 'escalation.staff_updated') {
          const id = msg.body?.escalation?.id ?? '';
          const claimedAt = claimSentAt.get(id);
          if (
            msg.body?.event === 'claimed' &&
            msg.body.escalation?.assignee?.id === s.id &&
            claimedAt !== undefined
          ) {
            claimsConfirmed++;
            claimLatencies.push(t - claimedAt);
          }
        } else if (msg.type === 'ack' && msg.body?.ref?.startsWith('claim-')) {
          claimAcks++;
        }
      });
      await c.subscribeAsync([topics.staff(s.id, 'down'), topics.staff(s.id, 'error')], { qos: 1 });
      await c.publishAsync(status, '{"v":1,"state":"online"}', { qos: 1, retain: true });
      return c;
    });
    // Presence is applied by the server asynchronously: wait until every member is online.
    const presenceDeadline = performance.now() + 60_000;
    for (;;) {
      const online = (await srv.store.staff.listPresence()).filter((p) => p.online).length;
      if (online >= staff.length) break;
      if (performance.now() > presenceDeadline)
        throw new Error(`only ${online}/${staff.length} staff came online`);
      await sleep(100);
    }
    const kioskClients = await inBatches(kiosks, opts.connectBatch, connectDeadline, async (k) => {
      const c = await connectClient(
        srv.mqttUrl,
        { clientId: k.id, username: k.id, password: k.secret, clean: true, protocolVersion: 4 },
        20_000,
      );
      clients.push(c);
      c.on('close', onClose(k.id));
      c.on('message', (topic, payload) => {
        const t = performance.now();
        const msg = parseDown(payload);
        if (!msg) return;
        if (topic.endsWith('/error')) {
          const code = msg.body?.code ?? 'unknown';
          errors[`kiosk:${code}`] = (errors[`kiosk:${code}`] ?? 0) + 1;
        } else if (msg.type === 'ack') {
          const sent = raiseSent.get(msg.body?.ref ?? '');
          if (sent !== undefined) {
            raiseAcks++;
            ackLatencies.push(t - sent);
          }
        } else if (msg.type === 'escalation.updated') {
          guestUpdates++;
        }
      });
      await c.subscribeAsync([topics.device(k.id, 'down'), topics.device(k.id, 'error')], { qos: 1 });
      return c;
    });
    const connectS = round((performance.now() - connectStart) / 1000);
    log(`connected ${staffClients.length} staff and ${kioskClients.length} kiosks in ${connectS} s`);

    // ---- load
    const rssLoad = rssSampler();
    const lag = loopDelay();
    const load = await paced(opts.rate, opts.seconds, (n) => {
      const i = Math.floor(rng() * kioskClients.length);
      const client = kioskClients[i];
      const kiosk = kiosks[i];
      if (!client || !kiosk) return;
      const { escalationId, payload } = raiseEnvelope(kiosk.id, n, tag, Date.now());
      const t = performance.now();
      sentAt.set(escalationId, t);
      raiseSent.set(`raise-${tag}-${n}`, t);
      client.publish(topics.device(kiosk.id, 'up'), payload, { qos: 1 });
    });
    log(`sent ${load.sent} escalations; waiting up to ${opts.graceS} s for offers`);
    const waitedMs = await settle(
      opts.graceS * 1000,
      () => firstOfferAt.size >= sentAt.size && raiseAcks >= raiseSent.size && claimAcks >= claimSentAt.size,
    );
    const loopMs = lag.stop();
    const rssDuringLoad = rssLoad.stop();

    // A member of staff reconnecting with the backlog still open: the server re-runs every SLA timer.
    let statusWithBacklogMs: number | null = null;
    const firstStaff = staffClients[0];
    const firstStaffId = staff[0]?.id;
    if (firstStaff && firstStaffId) {
      const before = handleMs.get('staff/status')?.length ?? 0;
      firstStaff.publish(topics.staff(firstStaffId, 'status'), '{"v":1,"state":"online"}', {
        qos: 1,
        retain: true,
      });
      await settle(20_000, () => (handleMs.get('staff/status')?.length ?? 0) > before);
      const list = handleMs.get('staff/status') ?? [];
      statusWithBacklogMs = list.length > before ? round(list[list.length - 1] ?? 0) : null;
    }

    const all = await srv.store.escalations.list({ site: SITE });
    const byStatus: Record<string, number> = {};
    for (const e of all) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    const perStaff = staff.map((s) => offersPerStaff.get(s.id) ?? 0);
    const handle: Record<string, Stats & { firstTenthMeanMs: number; lastTenthMeanMs: number }> = {};
    for (const [key, list] of handleMs) {
      const tenth = Math.max(1, Math.floor(list.length / 10));
      const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
      handle[key] = {
        ...stats(list),
        firstTenthMeanMs: mean(list.slice(0, tenth)),
        lastTenthMeanMs: mean(list.slice(-tenth)),
      };
    }

    closing = true;
    await endAll(clients);
    await server.close();
    server = null;
    return {
      sent: load.sent,
      received: firstOfferAt.size,
      lost: load.sent - firstOfferAt.size,
      duplicates,
      latencyMs: stats(latencies),
      raiseAckLatencyMs: stats(ackLatencies),
      claims: {
        sent: claimSentAt.size,
        acked: claimAcks,
        confirmed: claimsConfirmed,
        latencyMs: stats(claimLatencies),
      },
      offers: {
        total: offersTotal,
        unknown: unknownOffers,
        perStaff: {
          min: Math.min(...perStaff),
          max: Math.max(...perStaff),
          mean: round(perStaff.reduce((a, b) => a + b, 0) / perStaff.length),
          top5: [...offersPerStaff.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 5)
            .map(([id, n]) => `${id}: ${n}`),
        },
      },
      raiseAcks,
      guestUpdates,
      errors,
      unexpectedCloses,
      closedIds,
      clientErrors: drainClientErrors(),
      escalationsInStore: byStatus,
      statusWithBacklogMs,
      slaTickMs: stats(tickMs),
      serverMetrics: srv.metrics.snapshot(),
      serverHandleMs: handle,
      connectS,
      sendMaxLagMs: load.maxLagMs,
      graceWaitedMs: waitedMs,
      eventLoopDelayMs: loopMs,
      rssMbDuringLoad: rssDuringLoad,
      rssMb: rss.stop(),
    };
  } finally {
    closing = true;
    if (server) {
      await endAll(clients).catch(() => undefined);
      await server.close().catch((err: unknown) => log(`server close failed: ${String(err)}`));
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ---- the bare-broker baseline ---------------------------------------------------------------------

async function runBare(opts: Options) {
  const rss = rssSampler();
  const broker = await Aedes.createBroker();
  const tcp: NetServer = createServer(broker.handle);
  const clients: MqttClient[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(0, '127.0.0.1', () => resolve());
    });
    const url = `mqtt://127.0.0.1:${(tcp.address() as AddressInfo).port}`;
    log(`bare aedes on ${url}`);
    const rng = prng(opts.seed);
    const sentAt = new Map<string, number>();
    const received = new Map<string, Set<string>>();
    const latencies: number[] = [];
    let duplicates = 0;
    let unexpectedCloses = 0;
    let closing = false;
    const closedIds: string[] = [];
    const onClose = (id: string) => () => {
      if (closing) return;
      unexpectedCloses++;
      if (closedIds.length < 10)
        closedIds.push(`${id} at +${round((performance.now() - connectStartAt) / 1000, 1)} s`);
    };
    const connectStartAt = performance.now();
    const topicOf = (staffId: string) => `bench/staff/${staffId}/inbox`;

    const connectStart = performance.now();
    const deadline = connectStart + 120_000;
    const staff = staffIds(opts.staff);
    await inBatches(staff, opts.connectBatch, deadline, async (id) => {
      const c = await connectClient(url, { clientId: id, clean: true, protocolVersion: 4 }, 20_000);
      clients.push(c);
      c.on('close', onClose(id));
      c.on('message', (_topic, payload) => {
        const t = performance.now();
        const msg = parseDown(payload) as { body?: { escalationId?: string } } | null;
        const eid = msg?.body?.escalationId ?? '';
        const sent = sentAt.get(eid);
        if (sent === undefined) return;
        const seen = received.get(eid) ?? new Set<string>();
        if (seen.has(id)) duplicates++;
        else if (seen.size === 0) latencies.push(t - sent);
        seen.add(id);
        received.set(eid, seen);
      });
      await c.subscribeAsync(topicOf(id), { qos: 1 });
    });
    const kiosks = kioskIds(opts.kiosks);
    const kioskClients = await inBatches(kiosks, opts.connectBatch, deadline, async (id) => {
      const c = await connectClient(url, { clientId: id, clean: true, protocolVersion: 4 }, 20_000);
      clients.push(c);
      c.on('close', onClose(id));
      return c;
    });
    const connectS = round((performance.now() - connectStart) / 1000);
    log(`bare: connected ${staff.length} staff and ${kiosks.length} kiosks in ${connectS} s`);

    const lag = loopDelay();
    const load = await paced(opts.rate, opts.seconds, (n) => {
      const i = Math.floor(rng() * kioskClients.length);
      const client = kioskClients[i];
      const kiosk = kiosks[i];
      const target = staff[Math.floor(rng() * staff.length)];
      if (!client || !kiosk || !target) return;
      const { escalationId, payload } = raiseEnvelope(kiosk, n, `bare${opts.seed}`, Date.now());
      sentAt.set(escalationId, performance.now());
      client.publish(topicOf(target), payload, { qos: 1 });
    });
    const waitedMs = await settle(opts.graceS * 1000, () => received.size >= sentAt.size);
    const loopMs = lag.stop();
    closing = true;
    await endAll(clients);
    return {
      sent: load.sent,
      received: received.size,
      lost: load.sent - received.size,
      duplicates,
      latencyMs: stats(latencies),
      unexpectedCloses,
      closedIds,
      clientErrors: drainClientErrors(),
      connectS,
      sendMaxLagMs: load.maxLagMs,
      graceWaitedMs: waitedMs,
      eventLoopDelayMs: loopMs,
      rssMb: rss.stop(),
    };
  } finally {
    await endAll(clients).catch(() => undefined);
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }
}

// ---- main -----------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  // Whatever happens, the process stops: connect + load + grace + closing, with a wide margin.
  const budgetMs = (2 * (opts.seconds + opts.graceS) + 2 * 150 + 60) * 1000;
  const watchdog = setTimeout(() => {
    log(`FAILED: still running after ${budgetMs / 1000} s; giving up`);
    process.exit(2);
  }, budgetMs);
  watchdog.unref();

  log(`options: ${JSON.stringify(opts)}`);
  if (opts.tcpNoDelay) forceNoDelayOnAcceptedSockets();
  const server = await runServer(opts);
  log(
    `server: ${server.received}/${server.sent} offered, p50 ${server.latencyMs.p50} ms, p99 ${server.latencyMs.p99} ms`,
  );
  const bare = await runBare(opts);
  log(
    `bare: ${bare.received}/${bare.sent} received, p50 ${bare.latencyMs.p50} ms, p99 ${bare.latencyMs.p99} ms`,
  );
  const ratio = (a: number | null, b: number | null) =>
    a !== null && b !== null && b > 0 ? round(a / b, 1) : null;
  const result = {
    config: {
      ...opts,
      node: process.version,
      cpus: cpus().length,
      broker: 'embedded aedes (LevelDB persistence), MQTT 3.1.1 over TCP on 127.0.0.1, QoS 1 everywhere',
      store: 'SQLite (WAL) in a temporary DATA_DIR, deleted at the end',
      clients: 'mqtt.js 5, clean sessions, one TCP connection per kiosk and per staff member',
      note:
        'server, broker and all clients run in this one process and share one event loop: latencies include ' +
        'client-side work, and RSS is the whole process (server + broker + clients), sampled every 500 ms',
    },
    server,
    bareBroker: bare,
    ratio: {
      p50: ratio(server.latencyMs.p50, bare.latencyMs.p50),
      p95: ratio(server.latencyMs.p95, bare.latencyMs.p95),
      p99: ratio(server.latencyMs.p99, bare.latencyMs.p99),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  clearTimeout(watchdog);
  const failures: string[] = [];
  if (server.sent === 0 || server.received === 0) failures.push('the server offered no escalation');
  if (bare.received === 0) failures.push('the bare broker delivered nothing');
  if (failures.length > 0) {
    log(`FAILED: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    // Lingering handles (a socket in TIME_WAIT, a pino stream) must not keep the benchmark alive.
    process.exitCode = code;
    setTimeout(() => process.exit(code), 200).unref();
  },
  (err: unknown) => {
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
