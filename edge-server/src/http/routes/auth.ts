import { FrontdeskError, HANDOVER_CODE_PATTERN, ID_PATTERN, PASSWORD_MAX_LENGTH } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { issueStaffToken } from '../../auth/staff-sessions.js';
import type { StaffMember } from '../../domain/types.js';
import type { RouteDeps } from '../deps.js';
import { rateLimited, signInFrom } from '../errors.js';
import { parse, validate, type RouteOf } from '../validate.js';

const login = {
  body: z.object({ id: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
};
// `next` is checked by the password rule (WEAK_PASSWORD), not here: its refusal says what is wrong.
const password = z.object({
  current: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  next: z.string().max(PASSWORD_MAX_LENGTH * 4),
});
/** Two passwords of at most 256 characters, in JSON: anything much larger is not a password change. */
const PASSWORD_BODY_LIMIT = 16 * 1024;
const phoneSession = {
  body: z.object({
    site: z.string().regex(ID_PATTERN),
    code: z.string().min(1).max(128),
    /** The code of a kiosk's continue-on-phone QR (`/m/continue?h=<code>`), to follow what it carries. */
    handover: z.string().regex(HANDOVER_CODE_PATTERN).optional(),
  }),
};

/** The answer of a sign-in, a refresh and a password change: the session and who it is for. */
function sessionReply(deps: RouteDeps, s: { token: string; expiresAt: number; member: StaffMember }) {
  const { member } = s;
  return {
    token: s.token,
    expiresAt: s.expiresAt,
    staff: { id: member.id, name: member.name, role: member.role, skills: member.skills, site: member.site },
    mqtt: deps.mqttEndpoints(),
  };
}

/** Staff sign-in, sign-out, session refresh and password change; the WeChat phone session. */
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
      await deps.service.audit({
        actor: `staff:${member.id}`,
        action: 'staff.login',
        subject: `staff:${member.id}`,
        site: member.site,
      });
      return sessionReply(deps, { ...issueStaffToken(deps.tokens, member, deps.now()), member });
    });

    // The presented token ends now, for HTTP and MQTT; the member's other sessions stay.
    app.post('/api/auth/logout', async (req) => {
      const { disconnected } = await deps.accounts.logout(await deps.auth.staffSession(req));
      return { ok: true, disconnected };
    });

    app.post('/api/auth/refresh', async (req) =>
      sessionReply(deps, await deps.accounts.refresh(await deps.auth.staffSession(req))),
    );

    // Who first, then the body: an anonymous caller learns nothing about what the route expects.
    app.post('/api/auth/password', { bodyLimit: PASSWORD_BODY_LIMIT }, async (req) => {
      const session = await deps.auth.staffSession(req);
      const body = parse(password, req.body);
      const changed = await deps.accounts.changePassword(session, body, signInFrom(req));
      return { ...sessionReply(deps, changed), disconnected: changed.disconnected };
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
