/**
 * The Fastify app: the error handler, the kiosk's CSP, body parsers, then one plugin per area
 * (`routes/`). Routes are thin: they authenticate, validate with zod and call the service.
 */
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { HttpAuth } from './auth.js';
import type { HttpDeps, RouteDeps } from './deps.js';
import { errorPayload, frameworkErrorHandler, httpErrorHandler } from './errors.js';
import { kioskContentSecurityPolicy } from './kiosk-csp.js';
import { NOSNIFF } from './page-security.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { deviceRoutes } from './routes/devices.js';
import { knowledgeBaseRoutes } from './routes/knowledge-base.js';
import { phonePageRoutes } from './routes/phone-pages.js';
import { photoRoutes } from './routes/photos.js';
import { registerStaticApps } from './routes/static-apps.js';
import { statusRoutes } from './routes/status.js';
import { understandRoutes } from './routes/understand.js';
import { workRoutes } from './routes/work.js';

export type { HttpDeps } from './deps.js';
export { KIOSK_ISOLATION_HEADERS } from './routes/static-apps.js';

const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors: frameworkErrorHandler(deps),
  });
  app.setErrorHandler(httpErrorHandler(deps));
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(errorPayload('NOT_FOUND')));

  // Privacy: the kiosk page and its workers may connect to this server only (see kiosk-csp.ts).
  const wsOverride = deps.mqttWsOverride ?? null;
  app.addHook('onSend', async (req, reply, payload) => {
    // Every response: a browser never guesses another type than the one sent (issue 10).
    void reply.headers(NOSNIFF);
    if (req.url === '/kiosk' || req.url.startsWith('/kiosk/')) {
      void reply.header(
        'content-security-policy',
        kioskContentSecurityPolicy({ host: req.headers.host, mqttWsUrl: wsOverride }),
      );
    }
    return payload;
  });

  // Photos arrive as the raw image body (kiosk: fetch with a Blob) or as multipart (WeChat's uploadFile).
  for (const type of PHOTO_CONTENT_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: deps.photoMaxBytes }, (_req, body, done) =>
      done(null, body),
    );
  }
  await app.register(fastifyMultipart, { limits: { fileSize: deps.photoMaxBytes, files: 1, fields: 5 } });

  const auth = new HttpAuth({ ...deps, clock: { now: deps.now } });
  const routeDeps: RouteDeps = { ...deps, auth };
  for (const routes of [
    statusRoutes,
    authRoutes,
    phonePageRoutes,
    deviceRoutes,
    photoRoutes,
    understandRoutes,
    workRoutes,
    knowledgeBaseRoutes,
    auditRoutes,
  ])
    await app.register(routes(routeDeps));
  await registerStaticApps(app, routeDeps);
  return app;
}
