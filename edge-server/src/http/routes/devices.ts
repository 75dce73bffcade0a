import { FrontdeskError, ID_PATTERN } from '@frontdesk/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';

const deviceParams = z.object({ id: z.string().regex(ID_PATTERN) });

/** A device's own registration, and revocation by an administrator. */
export const deviceRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    // A kiosk learns its own registration (above all its place, where wayfinding starts) from here.
    app.get('/api/devices/me', async (req) => {
      const p = await deps.auth.anyone(req);
      if (p.kind !== 'device') throw new FrontdeskError('FORBIDDEN', 'only a device has a registration');
      const device = await deps.store.devices.get(p.id);
      if (!device) throw new FrontdeskError('NOT_FOUND');
      return { id: device.id, site: device.site, kind: device.kind, name: device.name, place: device.place };
    });

    // An administrator revokes a kiosk or phone session of their site: it is disconnected at once.
    app.post('/api/devices/:id/revoke', async (req) => {
      const admin = await deps.auth.staff(req, ['admin']);
      const { id } = parse(deviceParams, req.params, 'NOT_FOUND');
      const result = await deps.service.revokeDevice(id, admin);
      if (!result.ok) throw new FrontdeskError(result.code, result.reason);
      return { id, revoked: true, disconnected: result.disconnected };
    });
  };
