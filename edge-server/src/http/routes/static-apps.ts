import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.js';

export const KIOSK_ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const isKioskUrl = (url: string) => url === '/kiosk' || url.startsWith('/kiosk/');

/**
 * The built apps, when they exist (they are built by their own workspaces). Registered on the root
 * instance, not as an encapsulated plugin: the kiosk's isolation headers must reach its 404s too.
 */
export async function registerStaticApps(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  if (deps.staticDirs.kiosk) {
    // Cross-origin isolation for the kiosk: SharedArrayBuffer, hence onnxruntime-web's wasm threads,
    // needs COOP + COEP on the page and its workers; CORP keeps its files (models included) to itself.
    app.addHook('onSend', async (req, reply, payload) => {
      if (isKioskUrl(req.url)) void reply.headers(KIOSK_ISOLATION_HEADERS);
      return payload;
    });
    await app.register(fastifyStatic, {
      root: deps.staticDirs.kiosk,
      prefix: '/kiosk/',
      decorateReply: false,
    });
  }
  if (deps.staticDirs.staff)
    await app.register(fastifyStatic, {
      root: deps.staticDirs.staff,
      prefix: '/staff/',
      decorateReply: false,
    });
  // The mini-program's H5 build: where a phone browser lands from a kiosk's continue-on-phone QR.
  if (deps.staticDirs.phone)
    await app.register(fastifyStatic, {
      root: deps.staticDirs.phone,
      prefix: '/m/app/',
      decorateReply: false,
    });
}
