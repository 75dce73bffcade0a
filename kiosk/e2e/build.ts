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
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
  const started = Date.now();
  // The model files the build serves at /kiosk/models/, as `npm run build` prepares them first.
  execFileSync(
    process.execPath,
    [tsx, '--conditions=@frontdesk/source', '../models/scripts/prepare-assets.ts'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  console.log(`kiosk built in ${Date.now() - started} ms`);
}
