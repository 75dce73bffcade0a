import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { fileTypeFromBuffer } from 'file-type';
import type { Logger } from 'pino';
import { z } from 'zod';
import { extractFaultCodes } from '@frontdesk/models/ocr';
import {
  FrontdeskError,
  HANDOVER_CODE_PATTERN,
  ID_PATTERN,
  describeIssues,
  knowledgeBaseInputSchema,
  understandRequestSchema,
  type ErrorCode,
  type Principal,
} from '@frontdesk/protocol';
import type { Authenticator } from '../auth/authenticator.js';
import { sha256Hex, type TokenSigner } from '../auth/secrets.js';
import type { Metrics } from '../metrics.js';
import type { FrontDesk } from '../service/front-desk.js';
import type { PhotoTextReader } from '../service/photo-text.js';
import type { Understanding } from '../service/understanding.js';
import type { Store } from '../store/store.js';
import { errorPayload, HTTP_STATUS } from './errors.js';
import { kioskContentSecurityPolicy } from './kiosk-csp.js';
import { landingPage } from './landing.js';
import { continuePage, routePage } from './phone-pages.js';

export interface HttpDeps {
  store: Store;
  service: FrontDesk;
  /** The language model for phones that cannot run it (`POST /api/understand`). */
  understanding: Understanding;
  tokens: TokenSigner;
  authenticator: Authenticator;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  dataDir: string;
  photoMaxBytes: number;
  version: string;
  health(): Record<string, unknown>;
  staticDirs: { kiosk: string | null; staff: string | null };
  /** What clients should use to reach the broker. */
  mqttEndpoints(): { tcp: string | null; ws: string };
  /** MQTT_WS_URL when set: a broker WebSocket the kiosk's CSP must allow besides this server. */
  mqttWsOverride?: string | null;
  /** Reads fault photos for phones that cannot run OCR; null where the server does not offer it. */
  photoText: PhotoTextReader | null;
}

export const KIOSK_ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;
const ACCEPTED_PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError('INVALID_MESSAGE', describeIssues(result.error));
  return result.data;
}

const loginBody = z.object({ id: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const phoneSessionBody = z.object({
  site: z.string().regex(ID_PATTERN),
  code: z.string().min(1).max(128),
  /** The code of a kiosk's continue-on-phone QR (`/m/continue?h=<code>`), to follow what it carries. */
  handover: z.string().regex(HANDOVER_CODE_PATTERN).optional(),
});
const routeQuery = z.object({
  site: z.string().regex(ID_PATTERN),
  from: z.string().regex(ID_PATTERN),
  to: z.string().regex(ID_PATTERN),
});

export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    // HttpError from the routes, FrontdeskError from the service and the readers: both carry a code.
    if (err instanceof HttpError || err instanceof FrontdeskError) {
      deps.metrics.reject(err.code);
      return reply
        .status(HTTP_STATUS[err.code])
        .send(errorPayload(err.code, err.message || undefined, err.details));
    }
    const status = err.statusCode ?? 500;
    const code: ErrorCode =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 400 && err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? 'MALFORMED_JSON'
            : status < 500
              ? 'INVALID_MESSAGE'
              : 'INTERNAL';
    if (code === 'INTERNAL') deps.logger.error({ err }, 'request failed');
    deps.metrics.reject(code);
    return reply
      .status(HTTP_STATUS[code])
      .send(errorPayload(code, code === 'INTERNAL' ? undefined : err.message));
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(errorPayload('NOT_FOUND')));

  // Privacy: the kiosk page and its workers may connect to this server only (see kiosk-csp.ts).
  const wsOverride = deps.mqttWsOverride ?? null;
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url === '/kiosk' || req.url.startsWith('/kiosk/')) {
      void reply.header(
        'content-security-policy',
        kioskContentSecurityPolicy({ host: req.headers.host, mqttWsUrl: wsOverride }),
      );
    }
    return payload;
  });

  // Photos arrive as the raw image body (kiosk: fetch with a Blob) or as multipart (WeChat's uploadFile).
  for (const type of ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: deps.photoMaxBytes }, (_req, body, done) =>
      done(null, body),
    );
  }
  await app.register(fastifyMultipart, { limits: { fileSize: deps.photoMaxBytes, files: 1, fields: 5 } });

  // ---- authentication helpers ----------------------------------------------------------------
  async function principalOf(req: FastifyRequest): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, value] = header.split(' ', 2);
    if (!value) return null;
    if (scheme === 'Bearer') {
      const staffId = deps.tokens.verify(value, 'staff', deps.now());
      if (staffId) {
        const member = await deps.store.staff.get(staffId);
        return member && !member.disabled
          ? { kind: 'staff', id: member.id, site: member.site, role: member.role }
          : null;
      }
      const phoneId = deps.tokens.verify(value, 'phone', deps.now());
      if (phoneId) {
        const device = await deps.store.devices.get(phoneId);
        return device && !device.revoked ? { kind: 'device', id: device.id, site: device.site } : null;
      }
      return null;
    }
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1) return null;
      const id = decoded.slice(0, colon);
      const result = await deps.authenticator.authenticate(id, id, decoded.slice(colon + 1));
      return result.ok ? result.principal : null;
    }
    return null;
  }

  async function requireStaff(
    req: FastifyRequest,
    roles: Array<'staff' | 'supervisor' | 'admin'> = ['staff', 'supervisor', 'admin'],
  ) {
    const p = await principalOf(req);
    if (!p) throw new HttpError('UNAUTHENTICATED');
    if (p.kind !== 'staff' || !roles.includes(p.role)) throw new HttpError('FORBIDDEN');
    return p;
  }

  async function requireDevice(req: FastifyRequest, what = 'upload photos') {
    const p = await principalOf(req);
    if (!p) throw new HttpError('UNAUTHENTICATED');
    if (p.kind !== 'device') throw new HttpError('FORBIDDEN', `only a kiosk or phone session may ${what}`);
    return p;
  }

  function sameSite(p: { site: string }, site: string) {
    if (p.site !== site) throw new HttpError('FORBIDDEN', `you belong to site ${p.site}`);
  }

  // ---- routes ----------------------------------------------------------------------------------
  app.get('/', async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(landingPage(deps.version, deps.staticDirs, deps.mqttEndpoints())),
  );

  app.get('/healthz', async () => deps.health());
  app.get('/metrics', async () => deps.metrics.snapshot());

  app.post('/api/auth/login', async (req) => {
    const body = parse(loginBody, req.body);
    const result = await deps.authenticator.authenticate(body.id, body.id, body.password);
    if (!result.ok || result.principal.kind !== 'staff') {
      deps.metrics.authFailed++;
      await deps.service.audit({
        actor: 'anonymous',
        action: 'staff.login_failed',
        subject: `staff:${body.id}`,
      });
      throw new HttpError('UNAUTHENTICATED', 'wrong staff id or password');
    }
    const member = await deps.store.staff.get(result.principal.id);
    if (!member) throw new HttpError('UNAUTHENTICATED', 'wrong staff id or password');
    const expiresAt = deps.now() + STAFF_SESSION_MS;
    await deps.service.audit({
      actor: `staff:${member.id}`,
      action: 'staff.login',
      subject: `staff:${member.id}`,
    });
    return {
      token: deps.tokens.sign('staff', member.id, expiresAt),
      expiresAt,
      staff: {
        id: member.id,
        name: member.name,
        role: member.role,
        skills: member.skills,
        site: member.site,
      },
      mqtt: deps.mqttEndpoints(),
    };
  });

  app.post('/api/phone/sessions', async (req) => {
    const body = parse(phoneSessionBody, req.body);
    const session = await deps.service.openPhoneSession(body.site, body.code, body.handover);
    if (!session.ok) throw new HttpError(session.code, session.reason);
    return { ...session.value, mqtt: deps.mqttEndpoints() };
  });

  // ---- pages for the guest's phone (from a kiosk's QR code; no login) ------------------------------
  app.get('/m/route', async (req, reply) => {
    const q = parse(routeQuery, req.query);
    const page = routePage(await deps.store.knowledgeBases.get(q.site), q.from, q.to);
    return reply.status(page.status).type('text/html; charset=utf-8').send(page.html);
  });

  app.get<{ Querystring: { h?: string } }>('/m/continue', async (req, reply) => {
    const code = req.query.h ?? '';
    // The code is the guest's capability: the page is never cached nor passed on as a referrer.
    const view = HANDOVER_CODE_PATTERN.test(code) ? await deps.service.handoverStatus(code) : null;
    const page = continuePage(view);
    return reply
      .status(page.status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(page.html);
  });

  // A kiosk learns its own registration (above all its place, where wayfinding starts) from here.
  app.get('/api/devices/me', async (req) => {
    const p = await principalOf(req);
    if (!p) throw new HttpError('UNAUTHENTICATED');
    if (p.kind !== 'device') throw new HttpError('FORBIDDEN', 'only a device has a registration');
    const device = await deps.store.devices.get(p.id);
    if (!device) throw new HttpError('NOT_FOUND');
    return { id: device.id, site: device.site, kind: device.kind, name: device.name, place: device.place };
  });

  // An administrator revokes a kiosk or phone session of their site: it is disconnected at once.
  app.post<{ Params: { id: string } }>('/api/devices/:id/revoke', async (req) => {
    const admin = await requireStaff(req, ['admin']);
    if (!ID_PATTERN.test(req.params.id)) throw new HttpError('NOT_FOUND');
    const result = await deps.service.revokeDevice(req.params.id, admin);
    if (!result.ok) throw new HttpError(result.code, result.reason);
    return { id: req.params.id, revoked: true, disconnected: result.disconnected };
  });

  app.post('/api/photos', async (req, reply) => {
    const device = await requireDevice(req);
    let bytes: Buffer;
    if (req.isMultipart()) {
      const file = await req.file();
      if (!file) throw new HttpError('INVALID_MESSAGE', 'expected one file field');
      bytes = await file.toBuffer();
    } else if (Buffer.isBuffer(req.body)) {
      bytes = req.body;
    } else {
      throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'send the image as image/jpeg, image/png or image/webp');
    }
    if (bytes.length === 0) throw new HttpError('INVALID_MESSAGE', 'empty upload');
    // Trust the bytes, not the declared type: a photo is stored only if it really is one.
    const sniffed = await fileTypeFromBuffer(bytes);
    if (!sniffed || !ACCEPTED_PHOTO_TYPES.has(sniffed.mime)) {
      throw new HttpError(
        'UNSUPPORTED_MEDIA_TYPE',
        `content is ${sniffed?.mime ?? 'not a recognised image'}; JPEG, PNG or WebP only`,
      );
    }
    const sha256 = sha256Hex(bytes);
    const dir = join(deps.dataDir, 'photos');
    await mkdir(dir, { recursive: true });
    const path = join(dir, sha256);
    if (!existsSync(path)) {
      // Write then rename: a crash never leaves a half-written photo under its final name.
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    }
    const photo = {
      id: sha256,
      site: device.site,
      deviceId: device.id,
      sha256,
      mime: sniffed.mime as 'image/jpeg' | 'image/png' | 'image/webp',
      bytes: bytes.length,
      createdAt: deps.now(),
    };
    await deps.store.photos.put(photo);
    deps.metrics.photosStored++;
    await deps.service.audit({
      actor: `device:${device.id}`,
      action: 'photo.upload',
      subject: `photo:${sha256}`,
      detail: {
        bytes: bytes.length,
        mime: photo.mime,
      },
    });
    return reply.status(201).send({ photoId: photo.id, mime: photo.mime, bytes: photo.bytes });
  });

  // The WeChat fallback: a phone that cannot run the model asks the server to understand for it.
  app.post('/api/understand', { bodyLimit: 16 * 1024 }, async (req) => {
    const device = await requireDevice(req, 'use the language model');
    const body = parse(understandRequestSchema, req.body);
    deps.metrics.understood++;
    return deps.understanding.understand(device.site, body);
  });

  app.get<{ Params: { id: string } }>('/api/photos/:id', async (req, reply) => {
    const staff = await requireStaff(req);
    if (!/^[0-9a-f]{64}$/.test(req.params.id)) throw new HttpError('NOT_FOUND');
    const photo = await deps.store.photos.get(req.params.id);
    if (!photo) throw new HttpError('NOT_FOUND');
    sameSite(staff, photo.site);
    await deps.service.audit({
      actor: `staff:${staff.id}`,
      action: 'photo.view',
      subject: `photo:${photo.id}`,
    });
    const bytes = await readFile(join(deps.dataDir, 'photos', photo.sha256));
    return reply.type(photo.mime).header('cache-control', 'private, no-store').send(bytes);
  });

  // A phone that cannot run OCR asks the server to read its fault photo: only the device that uploaded
  // it (or staff of the site) may, and only fault codes come back — ID documents are never uploaded.
  app.post<{ Params: { id: string } }>('/api/photos/:id/read', async (req) => {
    const who = await principalOf(req);
    if (!who) throw new HttpError('UNAUTHENTICATED');
    if (who.kind === 'server') throw new HttpError('FORBIDDEN');
    if (!deps.photoText) throw new HttpError('NOT_FOUND', 'this server does not read photos');
    if (!/^[0-9a-f]{64}$/.test(req.params.id)) throw new HttpError('NOT_FOUND');
    const photo = await deps.store.photos.get(req.params.id);
    if (!photo) throw new HttpError('NOT_FOUND');
    sameSite(who, photo.site);
    if (who.kind === 'device' && photo.deviceId !== who.id)
      throw new HttpError('FORBIDDEN', 'a device may read only the photos it uploaded');
    const bytes = await readFile(join(deps.dataDir, 'photos', photo.sha256));
    const started = performance.now();
    const lines = await deps.photoText.read(bytes);
    const ms = Math.round(performance.now() - started);
    const kb = await deps.store.knowledgeBases.get(photo.site);
    const text = lines.map((l) => l.text).join('\n');
    const codes = extractFaultCodes(text);
    const known = new Set(extractFaultCodes(text, kb?.faultCodes.map((f) => f.code) ?? []));
    await deps.service.audit({
      actor: `${who.kind}:${who.id}`,
      action: 'photo.read',
      subject: `photo:${photo.id}`,
      detail: {
        codes: codes.length,
      },
    });
    return {
      photoId: photo.id,
      lines: lines.map((l) => ({ text: l.text, score: Math.round(l.score * 1e4) / 1e4 })),
      faultCodes: codes,
      knownFaultCodes: (kb?.faultCodes ?? []).filter((f) => known.has(f.code)),
      ms,
    };
  });

  app.get<{ Querystring: { status?: string } }>('/api/escalations', async (req) => {
    const staff = await requireStaff(req);
    const status = req.query.status?.split(',') as
      Array<'pending' | 'claimed' | 'resolved' | 'cancelled'> | undefined;
    return { escalations: await deps.service.escalationViews(staff.site, status) };
  });

  app.get<{ Params: { id: string } }>('/api/escalations/:id', async (req) => {
    const staff = await requireStaff(req);
    const detail = await deps.service.escalationDetail(req.params.id);
    if (!detail) throw new HttpError('NOT_FOUND');
    sameSite(staff, detail.escalation.site);
    return detail;
  });

  app.get<{ Querystring: { status?: string } }>('/api/tickets', async (req) => {
    const staff = await requireStaff(req);
    const status = req.query.status?.split(',') as
      Array<'open' | 'assigned' | 'in_progress' | 'resolved' | 'cancelled'> | undefined;
    return { tickets: await deps.service.ticketViews(staff.site, status) };
  });

  app.get('/api/queue', async (req) => {
    const staff = await requireStaff(req, ['supervisor', 'admin']);
    return deps.service.queueSnapshot(staff.site);
  });

  app.get<{ Params: { site: string } }>('/api/kb/:site', async (req) => {
    const kb = await deps.store.knowledgeBases.get(req.params.site);
    if (!kb) throw new HttpError('NOT_FOUND');
    return kb;
  });

  app.put<{ Params: { site: string } }>('/api/kb/:site', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
    const admin = await requireStaff(req, ['admin']);
    sameSite(admin, req.params.site);
    const input = parse(knowledgeBaseInputSchema, req.body);
    if (input.site !== req.params.site)
      throw new HttpError('INVALID_MESSAGE', 'site in the body differs from the URL');
    const result = await deps.service.publishKnowledgeBase(input, `staff:${admin.id}`);
    if (!result.ok) throw new HttpError('INVALID_MESSAGE', result.reason, result.problems);
    return { site: result.kb.site, version: result.kb.version };
  });

  app.get<{ Querystring: { after?: string; limit?: string } }>('/api/audit', async (req) => {
    await requireStaff(req, ['admin']);
    const afterSeq = Number(req.query.after ?? 0) || 0;
    const limit = Math.min(Number(req.query.limit ?? 200) || 200, 1000);
    return { entries: await deps.store.audit.list({ afterSeq, limit }) };
  });

  // The built apps, when they exist (they are built by their own workspaces).
  if (deps.staticDirs.kiosk) {
    // Cross-origin isolation for the kiosk: SharedArrayBuffer, hence onnxruntime-web's wasm threads,
    // needs COOP + COEP on the page and its workers; CORP keeps its files (models included) to itself.
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url.startsWith('/kiosk/') || req.url === '/kiosk') {
        void reply.headers(KIOSK_ISOLATION_HEADERS);
      }
      return payload;
    });
    await app.register(fastifyStatic, {
      root: deps.staticDirs.kiosk,
      prefix: '/kiosk/',
      decorateReply: false,
    });
  }
  if (deps.staticDirs.staff) {
    await app.register(fastifyStatic, {
      root: deps.staticDirs.staff,
      prefix: '/staff/',
      decorateReply: false,
    });
  }
  return app;
}
