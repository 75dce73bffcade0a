import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps.js';
import { LANDING_CSS, landingPage } from '../landing.js';
import { sendPage } from '../page-security.js';

/**
 * The product's mark (the kiosk's icon), for browsers that ask for `/favicon.ico` on the landing page,
 * the phone pages and the apps: without it every page logged a 404.
 */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0f4c5c"/>' +
  '<path d="M14 44h36v6H14zM20 22h24v18H20z" fill="#f5f7f8"/><circle cx="32" cy="14" r="5" fill="#f0a500"/></svg>';

/** The landing page, `/healthz`, `/metrics` (Prometheus text), `/metrics.json` and the icon. */
export const statusRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/', async (_req, reply) =>
      sendPage(reply, 200, landingPage(deps.version, deps.staticDirs, deps.mqttEndpoints()), LANDING_CSS),
    );
    app.get('/healthz', async () => deps.health());
    app.get('/metrics', async (_req, reply) =>
      reply.type(deps.prometheus.contentType).send(await deps.prometheus.metrics()),
    );
    app.get('/metrics.json', async () => deps.metrics.snapshot());
    app.get('/favicon.ico', async (_req, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
    );
  };
