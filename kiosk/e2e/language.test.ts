import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRONT_DESK, StaffClient, axeViolations, modelReady } from './harness.js';
import { useKioskFixture } from './fixture.js';

const intent = (
  JSON.parse(readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8')) as {
    files: Array<{ id: string; file: string; bytes: number }>;
  }
).files.find((f) => f.id === 'intent')!;

// Several page loads, a model load and a server restart: minutes on a busy two-core machine.
const E2E_LONG_MS = 150_000;

const fx = useKioskFixture();

describe('the trained intent model in the kiosk', () => {
  it(
    'loads from the precache with the server stopped and still understands',
    async () => {
      const { context, page } = await fx.open(fx.server.kioskUrl());
      try {
        await page.getByRole('button', { name: /开始/ }).click();
        await page.locator('[data-connection="online"]').waitFor();
        await modelReady(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

        await page.goto('about:blank');
        await fx.server.stop();
        await context.setOffline(true);
        await page.goto(`${fx.server.httpUrl}/kiosk/`);
        await page.getByRole('button', { name: /开始/ }).click();
        await modelReady(page);
        // Colloquial, unpunctuated: the trained model, not a keyword list.
        await page.getByRole('textbox', { name: '输入您的问题' }).fill('请问车可以停哪儿');
        await page.getByRole('button', { name: '发送', exact: true }).click();
        await page.getByText(/B1/).first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.setOffline(false);
        await context.close();
        if (!fx.server.running) await fx.server.restart();
      }
    },
    E2E_LONG_MS,
  );

  it(
    'says plainly when the model file is corrupt, and "talk to a person" still works',
    async () => {
      const staff = await StaffClient.connect(fx.server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
      // No service worker here, so the test's route is what answers the model request. The right
      // size, the wrong bytes: only the sha256 check can tell.
      const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en'), {
        serviceWorkers: 'block',
        prepare: (c) =>
          c.route(`**/kiosk/models/${intent.file}`, (route) =>
            route.fulfill({ status: 200, body: Buffer.alloc(intent.bytes, 7) }),
          ),
      });
      try {
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
    },
    E2E_LONG_MS,
  );
});
