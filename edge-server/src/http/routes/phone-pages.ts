import { HANDOVER_CODE_PATTERN, ID_PATTERN } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { sendPage } from '../page-security.js';
import { PHONE_PAGE_CSS, continuePage, routePage } from '../phone-pages.js';
import { validate, type RouteOf } from '../validate.js';

const route = {
  querystring: z.object({
    site: z.string().regex(ID_PATTERN),
    from: z.string().regex(ID_PATTERN),
    to: z.string().regex(ID_PATTERN),
  }),
};
// A malformed code is not an error here: the page says the code is unknown or expired.
const resume = { querystring: z.object({ h: z.string().optional() }) };

/** Pages for the guest's phone, opened from a kiosk's QR code; no login. */
export const phonePageRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get<RouteOf<typeof route>>('/m/route', { preHandler: validate(route) }, async (req, reply) => {
      const q = req.query;
      const page = routePage(await deps.store.knowledgeBases.get(q.site), q.from, q.to);
      return sendPage(reply, page.status, page.html, PHONE_PAGE_CSS);
    });

    app.get<RouteOf<typeof resume>>('/m/continue', { preHandler: validate(resume) }, async (req, reply) => {
      const code = req.query.h ?? '';
      // The code is the guest's capability: the page is never cached nor passed on as a referrer.
      const view = HANDOVER_CODE_PATTERN.test(code) ? await deps.service.handoverStatus(code) : null;
      const page = continuePage(view);
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return sendPage(reply, page.status, page.html, PHONE_PAGE_CSS);
    });
  };
