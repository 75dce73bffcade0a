import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useKioskFixture } from './fixture.js';

interface ManifestFile {
  id: string;
  file: string;
  bytes: number;
  sha256: string;
  usedBy: string[];
}
const manifest = JSON.parse(readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8')) as {
  files: ManifestFile[];
};
const kioskFiles = manifest.files.filter((f) => f.usedBy.includes('kiosk'));

const fx = useKioskFixture();

describe('model assets on the built kiosk', () => {
  it('is cross-origin isolated (wasm threads), and serves the model files with the isolation headers', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl());
    try {
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
      const intent = kioskFiles.find((f) => f.id === 'intent')!;
      const res = await fetch(`${fx.server.httpUrl}/kiosk/models/${intent.file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(Number((await res.arrayBuffer()).byteLength)).toBe(intent.bytes);
    } finally {
      await context.close();
    }
  });

  it('precaches every kiosk model file: with the server stopped they load and match the manifest', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl());
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 30_000,
      });
      // The page leaves first: the server's close() waits for open WebSocket clients.
      await page.goto('about:blank');
      await fx.server.stop();
      await context.setOffline(true);
      await page.goto(`${fx.server.httpUrl}/kiosk/`);
      const hashes = await page.evaluate(async (files) => {
        const out: Record<string, { bytes: number; sha256: string }> = {};
        for (const f of files) {
          const buf = await (await fetch(`/kiosk/models/${f.file}`)).arrayBuffer();
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
          out[f.file] = {
            bytes: buf.byteLength,
            sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
          };
        }
        return out;
      }, kioskFiles);
      for (const f of kioskFiles) expect(hashes[f.file]).toEqual({ bytes: f.bytes, sha256: f.sha256 });
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    } finally {
      await context.setOffline(false);
      await context.close();
      if (!fx.server.running) await fx.server.restart();
    }
  });
});
