import { FrontdeskError, HANDOVER_CODE_PATTERN, ID_PATTERN } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { rateLimited, signInFrom } from '../errors.js';
import { validate, type RouteOf } from '../validate.js';

const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;

const login = {
  body: z.object({ id: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
};
const phoneSession = {
  body: z.object({
    site: z.string().regex(ID_PATTERN),
    code: z.string().min(1).max(128),
    /** The code of a kiosk's continue-on-phone QR (`/m/continue?h=<code>`), to follow what it carries. */
    handover: z.string().regex(HANDOVER_CODE_PATTERN).optional(),
  }),
};

/** Staff sign-in and the WeChat phone session. */
export const authRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post<RouteOf<typeof login>>('/api/auth/login', { preHandler: validate(login) }, async (req) => {
      const body = req.body;
      const result = await deps.authenticator.authenticate(body.id, body.id, body.password, signInFrom(req));
      if (!result.ok && result.retryAfterMs !== undefined)
        throw rateLimited(result.reason, result.retryAfterMs);
      if (!result.ok || result.principal.kind !== 'staff') {
        deps.metrics.authFailed++;
        // Not one audit row per attempt: the authenticator audits each lockout (`auth.locked`).
        throw new FrontdeskError('UNAUTHENTICATED', 'wrong staff id or password');
      }
      const member = await deps.store.staff.get(result.principal.id);
      if (!member) throw new FrontdeskError('UNAUTHENTICATED', 'wrong staff id or password');
      const expiresAt = deps.now() + STAFF_SESSION_MS;
      await deps.service.audit({
        actor: `staff:${member.id}`,
        action: 'staff.login',
        subject: `staff:${member.id}`,
        site: member.site,
      });
      return {
        token: deps.tokens.sign('staff', member.id, expiresAt),
        expiresAt,
        staff: {
          id: member.id,
          name: member.name,
          role: member.role,
          skills: member.skills,
          site: member.site,
        },
        mqtt: deps.mqttEndpoints(),
      };
    });

    app.post<RouteOf<typeof phoneSession>>(
      '/api/phone/sessions',
      { preHandler: validate(phoneSession) },
      async (req) => {
        const session = await deps.service.openPhoneSession(req.body.site, req.body.code, req.body.handover);
        if (!session.ok) throw new FrontdeskError(session.code, session.reason);
        return { ...session.value, mqtt: deps.mqttEndpoints() };
      },
    );
  };
