import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The e2e tests drive the built kiosk, exactly what the edge server serves at /kiosk/. */
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = Date.now();
  await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
  console.log(`kiosk built in ${Date.now() - started} ms`);
}
