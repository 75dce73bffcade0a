import { ESCALATION_STATUSES, FrontdeskError, TICKET_STATUSES } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { csvOf, parse } from '../validate.js';

const escalationsQuery = z.object({ status: csvOf(ESCALATION_STATUSES).optional() });
const ticketsQuery = z.object({ status: csvOf(TICKET_STATUSES).optional() });
const escalationParams = z.object({ id: z.string() });

/** Escalations, tickets and the queue, as staff of a site see them. */
export const workRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/escalations', async (req) => {
      const staff = await deps.auth.staff(req);
      const { status } = parse(escalationsQuery, req.query);
      return { escalations: await deps.service.escalationViews(staff.site, status) };
    });

    app.get('/api/escalations/:id', async (req) => {
      const staff = await deps.auth.staff(req);
      const detail = await deps.service.escalationDetail(parse(escalationParams, req.params, 'NOT_FOUND').id);
      // Another site's escalation is simply not found: its existence is not theirs to learn.
      if (!detail || detail.escalation.site !== staff.site) throw new FrontdeskError('NOT_FOUND');
      return detail;
    });

    app.get('/api/tickets', async (req) => {
      const staff = await deps.auth.staff(req);
      const { status } = parse(ticketsQuery, req.query);
      return { tickets: await deps.service.ticketViews(staff.site, status) };
    });

    app.get('/api/tickets/:id', async (req) => {
      const staff = await deps.auth.staff(req);
      const detail = await deps.service.ticketDetail(parse(escalationParams, req.params, 'NOT_FOUND').id);
      // Another site's ticket is as good as unknown.
      if (!detail || detail.ticket.site !== staff.site) throw new FrontdeskError('NOT_FOUND');
      return detail;
    });

    app.get('/api/staff/me', async (req) => {
      const staff = await deps.auth.staff(req);
      const me = await deps.service.staffMe(staff.id);
      if (!me) throw new FrontdeskError('UNAUTHENTICATED');
      return me;
    });

    app.get('/api/queue', async (req) => {
      const staff = await deps.auth.staff(req, ['supervisor', 'admin']);
      return deps.service.queueSnapshot(staff.site);
    });
  };
