import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../../service/audit.js';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

const auditQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

/** The audit trail, for administrators (paged by sequence number; at most 1000 entries a page). */
export const auditRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/audit', async (req) => {
      await deps.auth.staff(req, ['admin']);
      return listAudit(deps.store.audit, parse(auditQuery, req.query));
    });
  };
