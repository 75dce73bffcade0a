import { auditQuerySchema } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { listAudit } from '../../service/audit.js';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

/**
 * The audit trail of the administrator's own site (paged by sequence number; at most 1000 entries a
 * page), filtered by actor, action, subject text and time. Server-level entries and other sites'
 * entries are never shown.
 */
export const auditRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/audit', async (req) => {
      const admin = await deps.auth.staff(req, ['admin']);
      const q = parse(auditQuerySchema, req.query);
      return listAudit(deps.store.audit, {
        after: q.after,
        limit: q.limit,
        site: admin.site,
        filter: { actor: q.actor, action: q.action, subjectContains: q.subject, fromAt: q.from, toAt: q.to },
      });
    });
  };
