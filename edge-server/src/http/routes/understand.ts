import { understandRequestSchema } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

/** The WeChat fallback: a phone that cannot run the model asks the server to understand for it. */
export const understandRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post('/api/understand', { bodyLimit: 16 * 1024 }, async (req) => {
      const device = await deps.auth.device(req, 'use the language model');
      const body = parse(understandRequestSchema, req.body);
      deps.metrics.understood++;
      return deps.understanding.understand(device.site, body);
    });
  };
