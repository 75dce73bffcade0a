import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import buildKiosk from '../../../kiosk/e2e/build.js';

/**
 * The e2e test drives the built console (what the edge server serves at /staff/) and the built kiosk
 * (which raises the escalation). Built as `npm run build` would, with NODE_ENV=production so the
 * service worker is registered (inside Vitest NODE_ENV is `test`).
 */
export default function setup(): void {
  buildKiosk();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const started = Date.now();
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  console.log(`console built in ${Date.now() - started} ms`);
}
