import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Authenticator } from '../auth/authenticator.js';
import type { TokenSigner } from '../auth/secrets.js';
import type { Metrics } from '../metrics.js';
import type { FrontDesk } from '../service/front-desk.js';
import type { PhotoService } from '../service/photos.js';
import type { PhotoTextReader } from '../service/photo-text.js';
import type { StaffAccounts } from '../service/staff-account.js';
import type { Understanding } from '../service/understanding.js';
import type { Store } from '../store/store.js';
import type { HttpAuth } from './auth.js';

export interface HttpDeps {
  store: Store;
  service: FrontDesk;
  photos: PhotoService;
  /** Sign-out, token refresh and password change of staff (`/api/auth/*`). */
  accounts: StaffAccounts;
  /** The language model for phones that cannot run it (`POST /api/understand`). */
  understanding: Understanding;
  tokens: TokenSigner;
  authenticator: Authenticator;
  metrics: Metrics;
  /** `/metrics` in the Prometheus text format (`prometheus.ts`). */
  prometheus: Registry;
  logger: Logger;
  now: () => number;
  photoMaxBytes: number;
  version: string;
  health(): Record<string, unknown>;
  /** The built apps (null: not built): the kiosk, the staff console, the mini-program's H5 build. */
  staticDirs: { kiosk: string | null; staff: string | null; phone?: string | null };
  /** What clients should use to reach the broker. */
  mqttEndpoints(): { tcp: string | null; ws: string };
  /** MQTT_WS_URL when set: a broker WebSocket the kiosk's CSP must allow besides this server. */
  mqttWsOverride?: string | null;
  /** Reads fault photos for phones that cannot run OCR; null where the server does not offer it. */
  photoText: PhotoTextReader | null;
}

/** What every route plugin gets: the app's dependencies and the one way to tell who is asking. */
export interface RouteDeps extends HttpDeps {
  auth: HttpAuth;
}
