/**
 * How bench/ab.ts serves each kiosk build from an origin of its own, so each gets its own service
 * worker and caches: a build folder behind a small front (its files, everything else passed to the
 * shared edge server), or another worktree's own edge server and build in a child process.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { dirname, extname, join } from 'node:path';
import { KIOSK_ISOLATION_HEADERS } from '../../edge-server/src/http/routes/static-apps.js';

export interface Front {
  /** The kiosk's set-up URL (device, secret, site) on this origin. */
  kioskUrl: string;
  origin: string;
  close(): void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Passes a WebSocket upgrade (MQTT over WebSocket) through to the server, bytes both ways. */
function passUpgrade(serverPort: number) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const up = connect(serverPort, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      up.write(head);
      up.pipe(socket).pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  };
}

/** /kiosk/* from `dist` with the server's isolation headers (wasm threads); the rest to the server. */
export async function frontForDist(dist: string, serverPort: number, setupQuery: string): Promise<Front> {
  const front = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://front').pathname;
    if (path.startsWith('/kiosk/')) {
      const file = path.slice('/kiosk/'.length) || 'index.html';
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      readFile(join(dist, file)).then(
        (body) => res.writeHead(200, { ...KIOSK_ISOLATION_HEADERS, 'content-type': type }).end(body),
        () => res.writeHead(404, KIOSK_ISOLATION_HEADERS).end(),
      );
      return;
    }
    const options = { host: '127.0.0.1', port: serverPort, path: req.url, method: req.method };
    const upstream = request({ ...options, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  front.on('upgrade', passUpgrade(serverPort));
  await new Promise<void>((done) => front.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  return { origin, kioskUrl: `${origin}/kiosk/?${setupQuery}`, close: () => front.close() };
}

/** `root`'s own edge server (and the kiosk build beside it), started by its e2e harness in a child. */
export async function frontForWorktree(root: string): Promise<Front> {
  const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/cli.mjs');
  const harness = join(root, 'kiosk/e2e/harness.ts');
  // An async function: tsx evaluates `--eval` as CommonJS, where top-level await is not allowed.
  const script = `void (async () => {
    const { EdgeServer } = await import(${JSON.stringify(harness)});
    const s = await EdgeServer.start();
    console.log(JSON.stringify({ origin: s.httpUrl, kioskUrl: s.kioskUrl('&idle=600') }));
    process.stdin.resume();
    process.stdin.on('end', () => void s.dispose().then(() => process.exit(0)));
  })();`;
  const child = spawn(process.execPath, [tsx, '--conditions=@frontdesk/source', '--eval', script], {
    cwd: join(root, 'kiosk'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) done(out.slice(0, out.indexOf('\n')));
    });
    child.on('exit', (code) => fail(new Error(`the server of ${root} exited with ${code}`)));
  });
  const urls = JSON.parse(line) as { origin: string; kioskUrl: string };
  return { ...urls, close: () => child.stdin.end() };
}
