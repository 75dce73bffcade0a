import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useKioskFixture } from './fixture.js';
import { axeViolations, smallTargets } from './harness.js';

const FACES = fileURLToPath(new URL('../../models/face/fixtures/', import.meta.url));
const OCR = fileURLToPath(new URL('../../models/ocr/fixtures/', import.meta.url));
/**
 * Loading MediaPipe's 13 MB wasm, or the 15 MB of OCR models and compiling them, takes seconds on two
 * shared cores: these tests get more than the project's 60 s default.
 */
const SLOW_TEST_MS = 240_000;
/** MediaPipe's usage-log endpoint: the request the kiosk's CSP exists to stop. */
const MEDIAPIPE_LOG_URL = 'https://odml.pa.googleapis.com/v1/log';

// No shared browser: each test starts one with the camera (or none) it needs; closed after the test.
const fx = useKioskFixture({ browser: false });

/** A browser whose fake camera plays one of the face fixtures (Chromium loops it). */
function cameraBrowser(fixture: string): Promise<Browser> {
  return fx.launch(fx.cameras.args(`${FACES}${fixture}`));
}

/** A kiosk page that records every request it (or one of its workers) makes, by host. */
async function openWatched(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page; hosts: Set<string> }> {
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    deviceScaleFactor: 0.5,
  });
  const hosts = new Set<string>();
  context.on('request', (r) => {
    const url = new URL(r.url());
    // blob: and data: URLs (wasm loaders use them) never leave the device.
    if (/^(https?|wss?):$/.test(url.protocol)) hosts.add(url.host);
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err.message));
  await page.goto(url);
  return { context, page, hosts };
}

/** Tries MediaPipe's log request from the page's (or a worker's) context; returns what CSP did. */
const tryLogRequest = async (url: string) => {
  let blocked = '';
  const onViolation = (e: Event) => {
    blocked = `${(e as SecurityPolicyViolationEvent).effectiveDirective} ${(e as SecurityPolicyViolationEvent).blockedURI}`;
  };
  self.addEventListener('securitypolicyviolation', onViolation);
  const outcome = await fetch(url, { method: 'POST', body: 'x' }).then(
    () => 'sent',
    (e: unknown) => String(e),
  );
  await new Promise((r) => setTimeout(r, 100));
  self.removeEventListener('securitypolicyviolation', onViolation);
  return { outcome, blocked };
};

async function unlockSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Staff PIN').fill('2468');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Diagnostics' }).waitFor();
}

describe('face presence', () => {
  it(
    'wakes the kiosk for a face in front of the camera; nothing leaves for another host',
    async () => {
      const browser = await cameraBrowser('astronaut.png');
      const { context, page, hosts } = await openWatched(browser, fx.server.kioskUrl('&lang=en'));
      try {
        // No touch: the camera sees the astronaut, the kiosk goes to the ask screen by itself.
        await page.getByRole('textbox', { name: 'Type your question' }).waitFor({ timeout: 90_000 });

        // The kiosk is served with the CSP, and its WebSocket (MQTT) still works under it.
        const kiosk = await fetch(`${fx.server.httpUrl}/kiosk/`);
        expect(kiosk.headers.get('content-security-policy')).toMatch(
          /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ /,
        );
        await page.locator('[data-connection="online"]').waitFor();

        // MediaPipe's log POST is refused, in the page and inside the face worker where MediaPipe runs.
        const fromPage = await page.evaluate(tryLogRequest, MEDIAPIPE_LOG_URL);
        expect(fromPage.outcome).toMatch(/TypeError/);
        expect(fromPage.blocked).toBe(`connect-src ${MEDIAPIPE_LOG_URL}`);
        const faceWorker = page.workers().find((w) => w.url().includes('face'));
        expect(faceWorker, 'the face worker is running').toBeDefined();
        const fromWorker = await faceWorker!.evaluate(tryLogRequest, MEDIAPIPE_LOG_URL);
        expect(fromWorker.blocked).toBe(`connect-src ${MEDIAPIPE_LOG_URL}`);

        expect(hosts).toContain(new URL(fx.server.httpUrl).host);
        expect([...hosts].filter((h) => h !== new URL(fx.server.httpUrl).host)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW_TEST_MS,
  );

  it(
    'does not wake for a photo without a face; the detector is running and sees none',
    async () => {
      const browser = await cameraBrowser('coffee.png');
      const { context, page, hosts } = await openWatched(browser, fx.server.kioskUrl('&lang=en'));
      try {
        // The attract screen says the camera is on (the detector has started and frames are flowing).
        await page.locator('[data-presence="watching"]').waitFor({ timeout: 90_000 });
        expect(await axeViolations(page)).toEqual([]);
        // Twenty frames at 4 a second and more: still the attract screen.
        await page.waitForTimeout(5_000);
        expect(await page.getByRole('textbox', { name: 'Type your question' }).count()).toBe(0);
        await page.getByRole('button', { name: /Start/ }).waitFor();

        // The diagnostics panel shows the detector's view of the same camera: frames, no face.
        await unlockSettings(page);
        await page.getByRole('button', { name: 'Face detection' }).click();
        await page.locator('[data-face="false"]').waitFor({ timeout: 60_000 });
        await page.getByText('Face detection: running').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        expect(hosts).toContain(new URL(fx.server.httpUrl).host);
        expect([...hosts].filter((h) => h !== new URL(fx.server.httpUrl).host)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOW_TEST_MS,
  );

  it(
    'the diagnostics panel shows a face seen on the astronaut feed',
    async () => {
      const browser = await cameraBrowser('astronaut.png');
      const { context, page } = await openWatched(browser, fx.server.kioskUrl('&lang=en'));
      try {
        await page.getByRole('textbox', { name: 'Type your question' }).waitFor({ timeout: 90_000 });
        await page.getByRole('button', { name: 'Finish' }).click();
        await unlockSettings(page);
        await page.getByRole('button', { name: 'Face detection' }).click();
        await page.locator('[data-face="true"]').waitFor({ timeout: 60_000 });
        await page.getByText('Face seen (near and centred)').waitFor();
      } finally {
        await context.close();
      }
    },
    SLOW_TEST_MS,
  );
});

describe('OCR in the kiosk', () => {
  it(
    'reads the error codes on a fixture display in a worker, cross-origin isolated',
    async () => {
      const browser = await fx.launch();
      const { context, page } = await openWatched(browser, fx.server.kioskUrl('&lang=en'));
      try {
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
        await unlockSettings(page);
        const fixture = JSON.parse(readFileSync(`${OCR}mixed-e4-f21.json`, 'utf8')) as {
          lines: string[];
          faultCodes: string[];
        };
        await page.getByLabel('Choose a photo to read').setInputFiles(`${OCR}mixed-e4-f21.png`);
        await page.locator('.diag-ocr[data-state="done"]').waitFor({ timeout: 120_000 });
        expect(await page.locator('.diag-ocr-text').textContent()).toBe(fixture.lines.join('\n'));
        expect(await page.locator('.diag-ocr-codes').textContent()).toBe(
          `Fault codes: ${fixture.faultCodes.join(', ')}`,
        );
        expect(page.workers().some((w) => w.url().includes('ocr'))).toBe(true);
        expect(await axeViolations(page)).toEqual([]);

        // A photo that is not an image fails plainly, and the reader keeps working.
        await page.getByLabel('Choose a photo to read').setInputFiles({
          name: 'broken.png',
          mimeType: 'image/png',
          buffer: Buffer.from('not a png'),
        });
        await page.locator('.diag-ocr[data-state="failed"]').waitFor({ timeout: 60_000 });
        await page.getByText('This photo could not be read.').waitFor();
        await page.getByLabel('Choose a photo to read').setInputFiles(`${OCR}ac-display-e4.png`);
        await page.locator('.diag-ocr[data-state="done"]').waitFor({ timeout: 120_000 });
        expect(await page.locator('.diag-ocr-codes').textContent()).toBe('Fault codes: E4');
      } finally {
        await context.close();
      }
    },
    SLOW_TEST_MS,
  );
});
