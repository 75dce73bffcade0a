import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The e2e tests drive the built mini-program: the H5 build the edge server serves at `/m/app/` and
 * the weapp output `miniprogram-simulate` renders. Built as `npm run build` would (production), after
 * the protocol's `dist/`, which the Taro build bundles.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const require = createRequire(import.meta.url);
  const taro = join(dirname(require.resolve('@tarojs/cli/package.json')), 'bin/taro');
  const env = { ...process.env, NODE_ENV: 'production' };
  let started = Date.now();
  execFileSync('npm', ['run', '--silent', 'build', '-w', '@frontdesk/protocol'], {
    cwd: join(root, '..'),
    stdio: 'inherit',
  });
  console.log(`protocol built in ${Date.now() - started} ms`);
  for (const type of ['h5', 'weapp']) {
    started = Date.now();
    let output = '';
    try {
      output = execFileSync(process.execPath, [taro, 'build', '--type', type], { cwd: root, env }).toString();
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error);
    }
    // Taro can finish "with some errors" and exit 0: the build is checked by what it wrote.
    const entry = join(root, 'dist', type, type === 'h5' ? 'index.html' : 'app.json');
    if (!existsSync(entry) || /Compiled with some errors/.test(output))
      throw new Error(`the ${type} build failed:\n${output.slice(-4000)}`);
    console.log(`mini-program ${type} built in ${Date.now() - started} ms`);
  }
}
