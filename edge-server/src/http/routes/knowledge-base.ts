import { FrontdeskError, knowledgeBaseInputSchema } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sameSite } from '../auth.js';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

const siteParams = z.object({ site: z.string() });

/** A site's knowledge base: read by anyone (kiosks cache it), published by its administrators. */
export const knowledgeBaseRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/kb/:site', async (req) => {
      const kb = await deps.store.knowledgeBases.get(parse(siteParams, req.params, 'NOT_FOUND').site);
      if (!kb) throw new FrontdeskError('NOT_FOUND');
      return kb;
    });

    app.put('/api/kb/:site', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
      const admin = await deps.auth.staff(req, ['admin']);
      const { site } = parse(siteParams, req.params, 'NOT_FOUND');
      sameSite(admin, site);
      const input = parse(knowledgeBaseInputSchema, req.body);
      if (input.site !== site)
        throw new FrontdeskError('INVALID_MESSAGE', 'site in the body differs from the URL');
      const result = await deps.service.publishKnowledgeBase(input, `staff:${admin.id}`);
      if (!result.ok) throw new FrontdeskError('INVALID_MESSAGE', result.reason, result.problems);
      return { site: result.kb.site, version: result.kb.version };
    });
  };
