import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: port.default(8080),
  /** 127.0.0.1 by default; set 0.0.0.0 so kiosks on the building's network can reach the server. */
  HOST: z.string().default('127.0.0.1'),
  MQTT_PORT: port.default(1883),
  /** Set to use an external broker (Mosquitto, EMQX) instead of the embedded one. */
  MQTT_URL: z.string().url().optional(),
  MQTT_USERNAME: z.string().default('edge-server'),
  MQTT_PASSWORD: z.string().optional(),
  /** What browsers should use for MQTT over WebSocket; defaults to this server's /mqtt. */
  MQTT_WS_URL: z.string().optional(),
  /** The embedded broker's heartbeat; it publishes wills left by a crashed run every 4 heartbeats. */
  MQTT_HEARTBEAT_MS: ms.optional(),
  DATA_DIR: z.string().optional(),
  /** Longest time an acknowledged MQTT message stays in the embedded broker's files (store-compaction.ts). */
  MQTT_STORE_COMPACT_MS: ms.default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` (readable lines, pino-pretty), `json` (one JSON object a line), `auto`: pretty on a terminal. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Seed the demo hotel and hospital on first start (`0` for an empty server). */
  DEMO: z.enum(['0', '1']).default('1'),
  /**
   * How phones sign in (`POST /api/phone/sessions`): `wechat` (WeChat's jscode2session; needs
   * WECHAT_APPID and WECHAT_SECRET), `simulated` (demo codes, anyone may sign in) or `off`. Default:
   * `wechat` when an app id and secret are set, else `simulated` with the demo data, else `off`.
   */
  WECHAT_LOGIN: z.enum(['wechat', 'simulated', 'off']).optional(),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  WECHAT_API_URL: z.string().url().default('https://api.weixin.qq.com'),
  /** Largest photo upload. */
  PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /**
   * What all stored photos may take on disk together (MB); uploads past it are refused until retention
   * frees room. 2 GB holds ~1,000 full-size phone photos, far more than 30 days of fault reports.
   */
  PHOTO_DISK_BUDGET_MB: z.coerce.number().positive().default(2048),
  /** How long photos and conversation transcripts are kept, in days. */
  RETENTION_PHOTO_DAYS: z.coerce.number().positive().default(30),
  RETENTION_CONVERSATION_DAYS: z.coerce.number().positive().default(30),
  /** Failed-sign-in audit rows (`auth.locked`, older `staff.login_failed`); at least a day (a SQLite trigger). */
  RETENTION_AUTH_FAILURE_DAYS: z.coerce.number().min(1).default(30),
  /** Sign-in lockouts: wrong passwords tolerated per id and per remote address, then the first lock, doubling to the cap. */
  AUTH_ID_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  AUTH_ADDRESS_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  AUTH_LOCKOUT_BASE_MS: ms.default(1000),
  AUTH_LOCKOUT_MAX_MS: ms.default(15 * 60 * 1000),
  /** Per-device message budgets (domain/rate-limits.ts); `off` only for load tests and benchmarks. */
  DEVICE_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** How long a refreshed-away staff token still works (requests in flight, the MQTT reconnect). */
  STAFF_REFRESH_GRACE_MS: ms.default(30_000),
  /** How often expired continue-on-phone handovers are deleted. */
  HANDOVER_PURGE_INTERVAL_MS: ms.default(10 * 60 * 1000),
  /** SLA overrides (ms), e.g. for a drill or a test with a short timer. */
  SLA_EMERGENCY_CLAIM_MS: ms.optional(),
  SLA_HIGH_CLAIM_MS: ms.optional(),
  SLA_ROUTINE_CLAIM_MS: ms.optional(),
  SLA_REASSURE_MS: ms.optional(),
  /** Ticket SLA overrides (ms): how long a ticket of each priority may wait to be started. */
  SLA_TICKET_EMERGENCY_MS: ms.optional(),
  SLA_TICKET_HIGH_MS: ms.optional(),
  SLA_TICKET_ROUTINE_MS: ms.optional(),
  /** Blank cards in the simulated key encoder at start (a drill: `0` to see the desk hand-over). */
  KEY_ENCODER_BLANK_CARDS: z.coerce.number().int().nonnegative().optional(),
  /** The sites' local time as minutes east of UTC: arrival dates and the day's queue numbers. */
  SITE_UTC_OFFSET_MIN: z.coerce.number().int().min(-720).max(840).default(480),
});

export type Config = ReturnType<typeof loadConfig>;

export type WeChatConfig =
  { login: 'wechat'; appId: string; secret: string; apiUrl: string } | { login: 'simulated' | 'off' };

/** Which phone login the server runs; a real one needs its app id and secret. */
function wechatConfig(e: z.infer<typeof envSchema>): WeChatConfig {
  const { WECHAT_APPID: appId, WECHAT_SECRET: secret } = e;
  const real = appId !== undefined && secret !== undefined;
  const login = e.WECHAT_LOGIN ?? (real ? 'wechat' : e.DEMO === '1' ? 'simulated' : 'off');
  if (login !== 'wechat') return { login };
  if (!real)
    throw new Error('invalid configuration: WECHAT_LOGIN=wechat needs WECHAT_APPID and WECHAT_SECRET');
  return { login, appId, secret, apiUrl: e.WECHAT_API_URL };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  // `npm start` runs in the edge-server workspace; INIT_CWD is where the user typed it, so
  // ./data is next to them, as the README says.
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port: e.PORT,
    host: e.HOST,
    mqttPort: e.MQTT_PORT,
    mqttUrl: e.MQTT_URL ?? null,
    mqttUsername: e.MQTT_USERNAME,
    mqttPassword: e.MQTT_PASSWORD ?? null,
    mqttWsUrl: e.MQTT_WS_URL ?? null,
    mqttHeartbeatMs: e.MQTT_HEARTBEAT_MS ?? null,
    dataDir: resolve(base, e.DATA_DIR ?? 'data'),
    mqttStoreCompactMs: e.MQTT_STORE_COMPACT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    demo: e.DEMO === '1',
    photoMaxBytes: e.PHOTO_MAX_BYTES,
    photoDiskBudgetBytes: Math.floor(e.PHOTO_DISK_BUDGET_MB * 1024 * 1024),
    wechat: wechatConfig(e),
    retention: {
      photoDays: e.RETENTION_PHOTO_DAYS,
      conversationDays: e.RETENTION_CONVERSATION_DAYS,
      inboxDays: 14,
      authFailureDays: e.RETENTION_AUTH_FAILURE_DAYS,
    },
    authLockout: {
      idMaxFailures: e.AUTH_ID_MAX_FAILURES,
      addressMaxFailures: e.AUTH_ADDRESS_MAX_FAILURES,
      baseMs: e.AUTH_LOCKOUT_BASE_MS,
      maxMs: e.AUTH_LOCKOUT_MAX_MS,
    },
    deviceRateLimits: e.DEVICE_RATE_LIMITS === 'on',
    handoverPurgeIntervalMs: e.HANDOVER_PURGE_INTERVAL_MS,
    staffRefreshGraceMs: e.STAFF_REFRESH_GRACE_MS,
    keyEncoderBlankCards: e.KEY_ENCODER_BLANK_CARDS ?? null,
    siteUtcOffsetMin: e.SITE_UTC_OFFSET_MIN,
    sla: {
      emergencyClaimMs: e.SLA_EMERGENCY_CLAIM_MS,
      highClaimMs: e.SLA_HIGH_CLAIM_MS,
      routineClaimMs: e.SLA_ROUTINE_CLAIM_MS,
      reassureMs: e.SLA_REASSURE_MS,
      ticketEmergencyMs: e.SLA_TICKET_EMERGENCY_MS,
      ticketHighMs: e.SLA_TICKET_HIGH_MS,
      ticketRoutineMs: e.SLA_TICKET_ROUTINE_MS,
    },
  };
}
