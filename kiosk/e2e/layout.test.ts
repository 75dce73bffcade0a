/**
 * Layout on the narrowest kiosk we ship to: a portrait screen 720 CSS px wide. Regression for the
 * header that wrapped the hotel's name and the connection status inside words (云栖/酒店, 已连/接).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useKioskFixture } from './fixture.js';

const fx = useKioskFixture();
const PORTRAIT_720 = { width: 720, height: 1280 };

/**
 * Each element's height against the height of the same element with its text forced onto one line
 * (a hidden copy beside it): equal when nothing wraps.
 */
function heightsVsOneLine(page: Page, selectors: string[]): Promise<Record<string, string>> {
  return page.evaluate((sels) => {
    const out: Record<string, string> = {};
    for (const sel of sels) {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el?.parentElement) throw new Error(`no ${sel}`);
      const copy = el.cloneNode(true) as HTMLElement;
      copy.style.cssText = 'position:absolute;visibility:hidden;width:auto;white-space:nowrap';
      for (const child of copy.querySelectorAll<HTMLElement>('*')) child.style.whiteSpace = 'nowrap';
      el.parentElement.append(copy);
      const oneLine = Math.round(copy.getBoundingClientRect().height);
      copy.remove();
      out[sel] = `${Math.round(el.getBoundingClientRect().height)} px (one line: ${oneLine} px)`;
    }
    return out;
  }, selectors);
}

describe('the header on a 720 px portrait kiosk', () => {
  const cases = [
    { lang: 'zh', large: null },
    { lang: 'en', large: null },
    { lang: 'zh', large: '大字模式' },
    { lang: 'en', large: 'Large text' },
  ];
  for (const { lang, large } of cases) {
    it(`keeps the site's name and the connection status on one line each (${lang}${large ? ', large text' : ''})`, async () => {
      const { page } = await fx.open(fx.server.kioskUrl(`&lang=${lang}`), { viewport: PORTRAIT_720 });
      await page.locator('[data-connection="online"]').waitFor();
      if (large) await page.getByRole('button', { name: large }).click();
      // The site's name replaces the app's title once the knowledge base is in.
      await page.waitForFunction(() => {
        const title = document.querySelector('.brand-title')?.textContent ?? '';
        return !/自助服务台|Self-service desk/.test(title);
      });
      const heights = await heightsVsOneLine(page, ['.brand-title', '.conn']);
      for (const [sel, measured] of Object.entries(heights)) {
        const [height, oneLine] = measured.match(/\d+/g)!.map(Number);
        expect(height, `${sel}: ${measured}`).toBe(oneLine);
      }
      const header = await page.locator('header.topbar').boundingBox();
      expect(header?.width).toBeLessThanOrEqual(PORTRAIT_720.width);
    });
  }
});

describe('the icon', () => {
  it('is linked from the page and served, so no page asks for a missing /favicon.ico', async () => {
    const { page } = await fx.open();
    const href = await page.locator('link[rel="icon"]').getAttribute('href', { timeout: 5_000 });
    expect(href).toBeTruthy();
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image\//);
  });
});
