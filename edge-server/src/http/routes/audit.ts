import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../../service/audit.js';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

const auditQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

/**
 * The audit trail of the administrator's own site (paged by sequence number; at most 1000 entries a
 * page). Server-level entries and other sites' entries are never shown.
 */
export const auditRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/audit', async (req) => {
      const admin = await deps.auth.staff(req, ['admin']);
      return listAudit(deps.store.audit, { ...parse(auditQuery, req.query), site: admin.site });
    });
  };
