import { HANDOVER_CODE_PATTERN, ID_PATTERN } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DeviceMessageLimiter } from '../../auth/limiter.js';
import { HANDOVER_PAGE_BUDGET } from '../../domain/index.js';
import type { RouteDeps } from '../deps.js';
import { rateLimited } from '../errors.js';
import { sendPage } from '../page-security.js';
import { PHONE_PAGE_CSS, continuePage, phoneAppContinueUrl, routePage } from '../phone-pages.js';
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

const CONTINUE_LOOKUP = 'handover.page';

/** Pages for the guest's phone, opened from a kiosk's QR code; no login. */
export const phonePageRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    // Handover-code lookups are bounded per remote address (the socket's, never X-Forwarded-For).
    const lookups = new DeviceMessageLimiter({ [CONTINUE_LOOKUP]: HANDOVER_PAGE_BUDGET });
    app.get<RouteOf<typeof route>>('/m/route', { preHandler: validate(route) }, async (req, reply) => {
      const q = req.query;
      const page = routePage(await deps.store.knowledgeBases.get(q.site), q.from, q.to);
      return sendPage(reply, page.status, page.html, PHONE_PAGE_CSS);
    });

    app.get<RouteOf<typeof resume>>('/m/continue', { preHandler: validate(resume) }, async (req, reply) => {
      const refused = lookups.take('device', req.ip, CONTINUE_LOOKUP, deps.now());
      if (refused !== null)
        throw rateLimited('too many handover codes tried from this address', HANDOVER_PAGE_BUDGET.refillMs);
      const code = req.query.h ?? '';
      // The code is the guest's capability: the page is never cached nor passed on as a referrer.
      const view = HANDOVER_CODE_PATTERN.test(code) ? await deps.service.handoverStatus(code) : null;
      // With the H5 build of the mini-program served, a browser goes on to it to resume and chat.
      const appUrl = view && deps.staticDirs.phone ? phoneAppContinueUrl(code, view.site) : null;
      const page = continuePage(view, appUrl);
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return sendPage(reply, page.status, page.html, PHONE_PAGE_CSS);
    });
  };
