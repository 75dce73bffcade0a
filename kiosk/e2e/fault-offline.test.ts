/**
 * Offline fault report: with the server stopped, a ticket with a photo is raised and the page is
 * reloaded (as after a power cut); when the server is back, the photo and then the ticket arrive,
 * once each.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { axeViolations, waitUntil } from './harness.js';
import { useKioskFixture } from './fixture.js';

const FIXTURE = fileURLToPath(new URL('../../models/ocr/fixtures/water-heater-e107.png', import.meta.url));

const fx = useKioskFixture({ browser: (cameras) => cameras.args(FIXTURE) });

describe('fault report offline', () => {
  it(
    'a ticket with a photo made with the server stopped arrives once, with its photo, after a reload and a restart',
    // Loading the OCR models into the worker takes a while on two shared cores.
    { timeout: 240_000 },
    async () => {
      const { context, page } = await fx.open(fx.server.kioskUrl());
      try {
        await page.getByRole('button', { name: /开始/ }).click();
        await page.locator('[data-connection="online"]').waitFor();
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

        await page.goto('about:blank');
        await fx.server.stop();
        await context.setOffline(true);
        await page.goto(`${fx.server.httpUrl}/kiosk/`);
        await page.locator('[data-connection="offline"]').waitFor();
        await page.getByRole('button', { name: /开始/ }).click();

        await page.getByRole('button', { name: '报修', exact: true }).click();
        const take = page.getByRole('button', { name: '拍照', exact: true });
        await waitUntil(() => take.isEnabled(), 15_000, 'the camera preview');
        await take.click();
        // Read on the device, offline (the OCR models come from the precache): E-107 has self-fix steps.
        await page.getByRole('heading', { name: /^E-107 热水器 E-107/ }).waitFor({ timeout: 120_000 });
        await page.getByRole('button', { name: '没有，请派人来' }).click();
        await page.getByRole('textbox', { name: '请描述问题' }).fill('热水器显示 E107，没有热水');
        await page.getByRole('button', { name: '下一步' }).click();
        await page.getByRole('textbox', { name: /房间号/ }).fill('808');
        await page.getByRole('button', { name: '下一步' }).click();
        expect(await page.getByRole('button', { name: '水管/洁具' }).getAttribute('aria-pressed')).toBe(
          'true',
        );
        await page.getByRole('button', { name: '提交报修' }).click();
        await page.getByText('报修已保存，网络恢复后会自动发送（含照片）。').waitFor();
        expect(await axeViolations(page)).toEqual([]);

        // A reload (or a power cut) keeps the request and its photo.
        await page.reload();
        await page.getByText(/条待发送/).waitFor();

        await fx.server.restart();
        await context.setOffline(false);
        await page.locator('[data-connection="online"]').waitFor({ timeout: 20_000 });
        await waitUntil(
          async () => (await page.getByText(/条待发送/).count()) === 0,
          20_000,
          'an empty outbox',
        );
        // Time for a second delivery (the outbox's resend, mqtt.js's own) to show up if there were one.
        await new Promise((r) => setTimeout(r, 1500));

        const tickets = await fx.server.running!.store.tickets.list({ deviceId: 'kiosk-hotel-lobby' });
        expect(tickets).toHaveLength(1);
        expect(tickets[0]).toMatchObject({
          category: 'plumbing',
          room: '808',
          description: '热水器显示 E107，没有热水',
        });
        expect(tickets[0]!.photoIds).toHaveLength(1);
        const photo = await fx.server.running!.store.photos.get(tickets[0]!.photoIds[0]!);
        expect(photo?.mime).toBe('image/jpeg');
        expect(readdirSync(join(fx.server.dataDir, 'photos')).filter((f) => !f.endsWith('.tmp'))).toEqual([
          photo!.sha256,
        ]);
      } finally {
        await context.close();
      }
    },
  );
});
