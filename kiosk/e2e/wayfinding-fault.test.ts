/**
 * Wayfinding, a fault report with a photo from the fake camera, and continue-on-the-phone QR codes,
 * on the built kiosk in Chromium against the real edge server.
 */
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, smallTargets, waitUntil } from './harness.js';
import { useKioskFixture } from './fixture.js';

const FIXTURE = fileURLToPath(new URL('../../models/ocr/fixtures/ac-display-e4.png', import.meta.url));

const fx = useKioskFixture({ browser: (cameras) => cameras.args(FIXTURE) });

async function startInEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: /开始/ }).click();
  await page.locator('[data-connection="online"]').waitFor();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'What can I help you with?' }).waitFor();
}

/** The text a QR code on the page encodes, decoded from a screenshot of it (jsQR). */
async function readQr(page: Page, selector: string): Promise<string> {
  const shot = await page.locator(selector).screenshot();
  const png = PNG.sync.read(shot);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code could be read from the screenshot');
  return code.data;
}

async function noA11yProblems(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);
}

describe('wayfinding', () => {
  it(
    'draws the route from the kiosk across floors, with steps, and a QR code that opens the route page',
    { timeout: 150_000 },
    async () => {
      const { context, page } = await fx.open(fx.server.kioskUrl());
      try {
        await startInEnglish(page);
        await page.getByRole('button', { name: 'Directions' }).click();
        await page.getByRole('heading', { name: 'Where would you like to go?' }).waitFor();
        await noA11yProblems(page);
        await page.getByRole('searchbox', { name: 'Search for a place' }).fill('pool');
        await page.getByRole('button', { name: /Indoor pool/ }).click();
        await page.getByRole('heading', { name: 'Route to Indoor pool' }).waitFor();

        const route = page.locator('.wf-route');
        expect(await route.getAttribute('data-route-floors')).toBe('1F 2F');
        // First floor: the kiosk marked, the path drawn over the KB map, no script in the map.
        const map = page.getByRole('img', { name: /Map of 1F Lobby/ });
        await map.waitFor();
        expect(await map.locator('polyline.route-path').getAttribute('data-route')).toMatch(
          /^h-lobby-kiosk .* h-lift-1f$/,
        );
        expect(await map.locator('.you-are-here').count()).toBe(1);
        expect(await map.locator('script').count()).toBe(0);
        const steps = await page.locator('.wf-steps li').allTextContents();
        expect(steps[0]).toBe('Start at Lobby self-service kiosk (1F)');
        expect(steps).toContain('Take the lift to 2F');
        expect(steps.at(-1)).toBe('Arrive at Indoor pool');
        expect(steps.some((s) => /about \d+ m/.test(s))).toBe(true);
        await noA11yProblems(page);

        // The second floor: the destination marked.
        await page.getByRole('button', { name: 'Next part' }).click();
        const upstairs = page.getByRole('img', { name: /Map of 2F/ });
        await upstairs.waitFor();
        expect(await upstairs.locator('.destination').count()).toBe(1);
        expect(await upstairs.locator('polyline.route-path').getAttribute('data-route')).toMatch(
          /^h-lift-2f .* h-pool$/,
        );

        // Take it along: the QR code decodes to the phone page, which shows the same route.
        const url = await readQr(page, '.wf-route .qr');
        expect(url).toBe(`${fx.server.httpUrl}/m/route?site=grand-hotel&from=h-lobby-kiosk&to=h-pool`);
        const phone = await context.newPage();
        const res = await phone.goto(url);
        expect(res?.status()).toBe(200);
        await phone.getByText('Take the lift to 2F').waitFor();
        expect(await phone.locator('polyline.route-path').count()).toBe(2);
        await phone.close();

        // In Chinese too.
        await page.getByRole('button', { name: '切换到中文' }).click();
        await page.getByText('乘电梯到 2F').waitFor();
      } finally {
        await context.close();
      }
    },
  );
});

describe('fault report', () => {
  it(
    'reads the error code from a fixture photo during a fault report (E4 → self-fix steps); the photo becomes a ticket with it on the server; status and a phone QR follow',
    // Loading the OCR models into the worker takes a while on two shared cores.
    { timeout: 240_000 },
    async () => {
      const { context, page } = await fx.open(fx.server.kioskUrl());
      try {
        await startInEnglish(page);
        await page.getByRole('button', { name: 'Report a fault' }).click();
        const take = page.getByRole('button', { name: 'Take photo' });
        await page.getByLabel('Camera view: point it at the fault').waitFor();
        await waitUntil(() => take.isEnabled(), 15_000, 'the camera preview');
        await noA11yProblems(page);
        await take.click();

        // The photo is read on the device (OCR worker): the display's E4 is a code the hotel knows, so
        // its self-fix steps come first; the guest says they did not help and describes the problem.
        await page
          .getByRole('heading', { name: /^E4 Air conditioner E4: .*you could try these steps first$/ })
          .waitFor({ timeout: 120_000 });
        await noA11yProblems(page);
        await page.getByRole('button', { name: 'No, send someone' }).click();
        const text = page.getByRole('textbox', { name: 'Describe the problem' });
        await text.waitFor();
        await noA11yProblems(page);
        await text.fill('The air conditioner shows E4 and blows warm air');
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('textbox', { name: /Room number/ }).fill('1203');
        await noA11yProblems(page);
        await page.getByRole('button', { name: 'Next' }).click();
        // The category is suggested from the description; the guest could tap another.
        const hvac = page.getByRole('button', { name: 'Air conditioning and heating' });
        await hvac.waitFor();
        expect(await hvac.getAttribute('aria-pressed')).toBe('true');
        await noA11yProblems(page);
        await page.getByRole('button', { name: 'Send the report' }).click();

        // The server's ticket.updated shows the live status.
        await page
          .locator('[data-ticket-status="assigned"], [data-ticket-status="open"]')
          .waitFor({ timeout: 15_000 });
        await noA11yProblems(page);
        const tickets = await fx.server.running!.store.tickets.list({ deviceId: 'kiosk-hotel-lobby' });
        expect(tickets).toHaveLength(1);
        const ticket = tickets[0]!;
        expect(ticket).toMatchObject({
          category: 'hvac',
          room: '1203',
          place: 'h-lobby-kiosk',
          faultCode: 'E4',
        });
        expect(ticket.photoIds).toHaveLength(1);
        const photo = await fx.server.running!.store.photos.get(ticket.photoIds[0]!);
        expect(photo).toMatchObject({ mime: 'image/jpeg', deviceId: 'kiosk-hotel-lobby' });
        expect(photo!.bytes).toBeGreaterThan(1000);
        // Deleted from the kiosk once uploaded.
        await waitUntil(
          () =>
            page
              .evaluate(
                () =>
                  new Promise<number>((resolve) => {
                    const req = indexedDB.open('frontdesk-kiosk');
                    req.onsuccess = () => {
                      const count = req.result.transaction('photos').objectStore('photos').count();
                      count.onsuccess = () => resolve(count.result);
                    };
                  }),
              )
              .then((n) => n === 0),
          5000,
          'the photo to leave the kiosk',
        );

        // Continue on the phone: the QR decodes to /m/continue, which shows this ticket.
        await page.getByRole('button', { name: 'Continue on my phone' }).click();
        await page.locator('.fault-status .qr').waitFor();
        await noA11yProblems(page);
        const url = await readQr(page, '.fault-status .qr');
        expect(url).toMatch(new RegExp(`^${fx.server.httpUrl}/m/continue\\?h=[A-Za-z0-9_-]{22,64}$`));
        // The page itself, not followed: with the mini-program's H5 build served, a browser is sent
        // on to it (miniprogram/e2e follows that path).
        let html = '';
        await waitUntil(
          async () => {
            const res = await context.request.get(url);
            html = await res.text();
            return res.status() === 200;
          },
          10_000,
          'the handover to reach the server',
        );
        expect(html).toContain(`data-ticket-status="${ticket.status}"`);
        expect(html.split('The air conditioner shows E4 and blows warm air').length - 1).toBe(1);
      } finally {
        await context.close();
      }
    },
  );
});
