import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeServer, StaffClient, FRONT_DESK, axeViolations, launchBrowser, openKiosk } from './harness.js';

const intent = (
  JSON.parse(readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8')) as {
    files: Array<{ id: string; file: string; bytes: number }>;
  }
).files.find((f) => f.id === 'intent')!;

let server: EdgeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([EdgeServer.start(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('the trained intent model in the kiosk', () => {
  it('loads from the precache with the server stopped and still understands', async () => {
    const { context, page } = await openKiosk(browser, server.kioskUrl());
    try {
      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await page.locator('[data-model="ready"]').waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      await page.goto('about:blank');
      await server.stop();
      await context.setOffline(true);
      await page.goto(`${server.httpUrl}/kiosk/`);
      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-model="ready"]').waitFor({ timeout: 30_000 });
      // Colloquial, unpunctuated: the trained model, not a keyword list.
      await page.getByRole('textbox', { name: '输入您的问题' }).fill('请问车可以停哪儿');
      await page.getByRole('button', { name: '发送', exact: true }).click();
      await page.getByText(/B1/).first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.setOffline(false);
      await context.close();
      if (!server.running) await server.restart();
    }
  });

  it('says plainly when the model file is corrupt, and "talk to a person" still works', async () => {
    const staff = await StaffClient.connect(server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    // No service worker here, so the test's route is what answers the model request.
    const context = await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      deviceScaleFactor: 0.5,
      serviceWorkers: 'block',
    });
    // The right size, the wrong bytes: only the sha256 check can tell.
    await context.route(`**/kiosk/models/${intent.file}`, (route) =>
      route.fulfill({ status: 200, body: Buffer.alloc(intent.bytes, 7) }),
    );
    const page = await context.newPage();
    try {
      await page.goto(server.kioskUrl('&lang=en'));
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-model="failed"]').waitFor({ timeout: 30_000 });
      await page
        .getByRole('alert')
        .getByText(/The language model could not be loaded/)
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Talk to a person' }).click();
      await staff.waitFor((m) => m.type === 'escalation.offered', 20_000, 'the escalation');
    } finally {
      await context.close();
      await staff.close();
    }
  });
});
