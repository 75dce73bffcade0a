/**
 * Speech out in the built kiosk: espeak-ng's WASM in its worker produces the audio of an answer
 * (observed through the `tts-piece` performance marks and `data-speaking`; headless Chromium plays it
 * into a null sink), a touch stops it, the guest can mute, staff set the default and the volume, and a
 * voice that cannot load leaves the kiosk working as text only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, smallTargets } from './harness.js';
import { useKioskFixture } from './fixture.js';

interface Piece {
  chars: number;
  synthMs: number;
  durationMs: number;
  rms: number;
}

const fx = useKioskFixture();

function pieces(page: Page): Promise<Piece[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('tts-piece').map((e) => (e as PerformanceMark).detail as Piece),
  );
}

const speaking = (page: Page) => page.locator('.kiosk').getAttribute('data-speaking');

async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Type your question' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('speech out', () => {
  it('speaks the answer with real espeak-ng audio, and a touch stops it at once', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en&speech=1'));
    try {
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      expect(await page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await ask(page, 'wifi password');
      await page.getByText(/yunqi2026/).waitFor();
      // The first load fetches and compiles 18 MB of WASM: allow for a slow shared machine.
      await page.locator('.kiosk[data-speaking="true"]').waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => performance.getEntriesByName('tts-piece').length > 0, null, {
        timeout: 30_000,
      });
      const [first] = await pieces(page);
      expect(first!.chars).toBeGreaterThan(5);
      expect(first!.durationMs).toBeGreaterThan(1000);
      expect(first!.rms).toBeGreaterThan(0.02);
      expect(await axeViolations(page)).toEqual([]);

      // A touch anywhere (here the transcript) silences it long before the audio would have ended.
      const touchedAt = Date.now();
      await page.getByRole('list', { name: 'Conversation' }).click();
      await page.locator('.kiosk[data-speaking="false"]').waitFor({ timeout: 2_000 });
      expect(Date.now() - touchedAt).toBeLessThan(first!.durationMs);
    } finally {
      await context.close();
    }
  });

  it('a new question interrupts the answer being spoken, and the new answer is spoken', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=zh&speech=1'));
    try {
      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      const box = page.getByRole('textbox', { name: '输入您的问题' });
      await box.fill('wifi密码多少');
      await box.press('Enter');
      await page.locator('.kiosk[data-speaking="true"]').waitFor({ timeout: 30_000 });
      const before = (await pieces(page)).length;
      await box.fill('早餐几点');
      await box.press('Enter');
      await page.getByText(/早餐/).nth(1).waitFor();
      await page.waitForFunction((n) => performance.getEntriesByName('tts-piece').length > n, before, {
        timeout: 30_000,
      });
      expect(await speaking(page)).toBe('true');
      const all = await pieces(page);
      expect(all.at(-1)!.rms).toBeGreaterThan(0.02);
    } finally {
      await context.close();
    }
  });

  it('the guest can mute; nothing is synthesised while muted', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en&speech=1'));
    try {
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      const toggle = page.getByRole('button', { name: 'Read aloud' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      expect(await smallTargets(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, 'where can I park');
      await page.getByText(/The car park is on B1/).waitFor();
      await page.waitForTimeout(1500);
      expect(await pieces(page)).toEqual([]);
      expect(await speaking(page)).toBe('false');
    } finally {
      await context.close();
    }
  });

  it('staff set volume and "speak answers" in the settings, kept in IndexedDB across a reload', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en&speech=1'));
    try {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Staff PIN').fill('2468');
      await page.getByRole('button', { name: 'Unlock' }).click();
      const volume = page.getByRole('slider', { name: 'Volume' });
      expect(await volume.inputValue()).toBe('80');
      await volume.fill('40');
      const speak = page.getByRole('checkbox', { name: 'Read answers aloud by default' });
      expect(await speak.isChecked()).toBe(true);
      await speak.uncheck();
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save' }).click()]);

      await page.getByRole('button', { name: /Start/ }).click();
      expect(await page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed')).toBe(
        'false',
      );
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Staff PIN').fill('2468');
      await page.getByRole('button', { name: 'Unlock' }).click();
      expect(await page.getByRole('slider', { name: 'Volume' }).inputValue()).toBe('40');
    } finally {
      await context.close();
    }
  });

  it('a voice that cannot load degrades to text only, with a plain note', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en&speech=1'));
    try {
      await context.route(/espeak-ng.*\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await ask(page, 'wifi password');
      await page.getByText(/yunqi2026/).waitFor();
      await page.getByText('Voice is not available: answers are shown as text only.').waitFor();
      expect(await page.getByRole('button', { name: 'Read aloud' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, 'where can I park');
      await page.getByText(/The car park is on B1/).waitFor();
    } finally {
      await context.close();
    }
  });
});
