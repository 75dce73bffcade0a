import {
  FrontdeskError,
  kbPublishRequestSchema,
  kbRevertRequestSchema,
  type KbVersionDetail,
  type KbVersionSummary,
} from '@frontdesk/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sameSite } from '../auth.js';
import type { RouteDeps } from '../deps.js';
import { parse } from '../validate.js';
import type { PublishResult } from '../../service/knowledge-base.js';

const siteParams = z.object({ site: z.string() });
const versionParams = z.object({ site: z.string(), version: z.coerce.number().int().min(1) });
const versionQuery = z.object({ download: z.enum(['0', '1']).optional() });

/** What a publish or revert answers: the new version, or the validation problems (nothing stored). */
function published(result: PublishResult) {
  if (!result.ok) throw new FrontdeskError('INVALID_MESSAGE', result.reason, result.problems);
  return { site: result.kb.site, version: result.kb.version };
}

/**
 * A site's knowledge base: read by anyone (kiosks cache it), published by its administrators with a
 * reason; its versions read by the site's staff, supervisors and administrators, reverted by its
 * administrators.
 */
export const knowledgeBaseRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    /** The signed-in member of `site`'s staff with one of `roles`, or FORBIDDEN. */
    const member = async (req: FastifyRequest, roles?: Array<'staff' | 'supervisor' | 'admin'>) => {
      const who = await deps.auth.staff(req, roles);
      const { site } = parse(siteParams, req.params, 'NOT_FOUND');
      sameSite(who, site);
      return { who, site };
    };

    app.get('/api/kb/:site', async (req) => {
      const kb = await deps.store.knowledgeBases.get(parse(siteParams, req.params, 'NOT_FOUND').site);
      if (!kb) throw new FrontdeskError('NOT_FOUND');
      return kb;
    });

    app.put('/api/kb/:site', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
      const { who, site } = await member(req, ['admin']);
      const { reason, kb } = parse(kbPublishRequestSchema, req.body);
      if (kb.site !== site)
        throw new FrontdeskError('INVALID_MESSAGE', 'site in the body differs from the URL');
      return published(await deps.service.publishKnowledgeBase(kb, { actor: `staff:${who.id}`, reason }));
    });

    app.get('/api/kb/:site/versions', async (req) => {
      const { site } = await member(req);
      const versions = await deps.store.kbVersions.list(site);
      return {
        site,
        versions: versions.map((v): KbVersionSummary => ({
          version: v.version,
          actor: v.actor,
          reason: v.reason,
          at: v.createdAt,
        })),
      };
    });

    app.get('/api/kb/:site/versions/:version', async (req, reply) => {
      await member(req);
      const { site, version } = parse(versionParams, req.params, 'NOT_FOUND');
      const { download } = parse(versionQuery, req.query);
      const v = await deps.store.kbVersions.get(site, version);
      if (!v) throw new FrontdeskError('NOT_FOUND');
      if (download === '1') {
        // The export: what `PUT /api/kb/:site` takes back as `kb` (the server numbers versions).
        const { version: _v, updatedAt: _u, ...input } = v.kb;
        void reply.header('content-disposition', `attachment; filename="kb-${site}-v${version}.json"`);
        return input;
      }
      const detail: KbVersionDetail = {
        version: v.version,
        actor: v.actor,
        reason: v.reason,
        at: v.createdAt,
        kb: v.kb,
      };
      return detail;
    });

    app.post('/api/kb/:site/revert', async (req) => {
      const { who, site } = await member(req, ['admin']);
      const { version, reason } = parse(kbRevertRequestSchema, req.body);
      const result = await deps.service.revertKnowledgeBase(site, version, {
        actor: `staff:${who.id}`,
        reason,
      });
      if (!result) throw new FrontdeskError('NOT_FOUND', `site ${site} has no version ${version}`);
      return { ...published(result), revertedFrom: version };
    });
  };
