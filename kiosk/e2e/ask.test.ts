import { describe, expect, it } from 'vitest';
import { axeViolations, smallTargets, modelReady } from './harness.js';
import { useKioskFixture } from './fixture.js';

const fx = useKioskFixture();

describe('ask journey', () => {
  it('answers from the synced knowledge base in Chinese, then in English after switching', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl());
    try {
      // The secret is read into settings and taken out of the address bar.
      await page.getByRole('button', { name: /开始/ }).waitFor();
      expect(page.url()).toBe(`${fx.server.httpUrl}/kiosk/`);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await modelReady(page);
      const box = page.getByRole('textbox', { name: '输入您的问题' });
      await box.fill('wifi密码多少');
      await page.getByRole('button', { name: '发送', exact: true }).click();
      await page.getByText('Yunqi-Guest，密码：yunqi2026').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('textbox', { name: 'Type your question' }).fill('where can I park');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByText(/The car park is on B1/).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // Two subjects at once: the kiosk asks which one, with buttons.
      await page
        .getByRole('textbox', { name: 'Type your question' })
        .fill('i need info on breakfast and the car park');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('group', { name: 'Did you mean one of these?' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await page.getByRole('button', { name: 'Breakfast' }).click();
      await page.getByText(/Breakfast is served in the Yunqi Restaurant/).waitFor();

      // Large text, and the microphone: voice is commands only, and this browser has no microphone
      // (no fake device), so voice says it is unavailable or not allowed and touch goes on working.
      await page.getByRole('button', { name: 'Large text' }).click();
      await page
        .getByText('Voice commands (no dictation) are available: press the microphone button.')
        .waitFor();
      await page.getByRole('button', { name: 'Turn on voice commands' }).click();
      await page.locator('[data-voice="unavailable"], [data-voice="denied"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
