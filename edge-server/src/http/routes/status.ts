import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps.js';
import { landingPage } from '../landing.js';

/** The landing page, `/healthz` and `/metrics`. */
export const statusRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(landingPage(deps.version, deps.staticDirs, deps.mqttEndpoints())),
    );
    app.get('/healthz', async () => deps.health());
    app.get('/metrics', async () => deps.metrics.snapshot());
  };
