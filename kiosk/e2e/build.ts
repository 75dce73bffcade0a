import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The e2e tests drive the built kiosk, exactly what the edge server serves at /kiosk/. Built in a
 * child process as `npm run build` would: inside Vitest NODE_ENV is `test`, which would give a
 * development build without its service worker registration.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const started = Date.now();
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  console.log(`kiosk built in ${Date.now() - started} ms`);
}
