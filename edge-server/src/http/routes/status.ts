import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps.js';
import { LANDING_CSS, landingPage } from '../landing.js';
import { sendPage } from '../page-security.js';

/** The landing page, `/healthz` and `/metrics`. */
export const statusRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/', async (_req, reply) =>
      sendPage(reply, 200, landingPage(deps.version, deps.staticDirs, deps.mqttEndpoints()), LANDING_CSS),
    );
    app.get('/healthz', async () => deps.health());
    app.get('/metrics', async () => deps.metrics.snapshot());
  };
