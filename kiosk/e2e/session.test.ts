import { describe, expect, it } from 'vitest';
import { modelReady } from './harness.js';
import { useKioskFixture } from './fixture.js';

const fx = useKioskFixture();

describe('session', () => {
  it('returns to the attract screen after the idle timeout, forgetting the conversation', async () => {
    // The shortest idle timeout the URL accepts, so the test does not wait 90 s.
    const { context, page } = await fx.open(fx.server.kioskUrl('&idle=5&lang=en'));
    try {
      // The first visit loads the model; with a 5 s idle timeout, the guest starts once it is ready.
      await modelReady(page);
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await page.getByRole('textbox', { name: 'Type your question' }).fill('wifi password');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByText(/password yunqi2026/).waitFor();
      await page.getByRole('button', { name: /Start/ }).waitFor({ timeout: 8_000 });
      expect(await page.getByText(/yunqi2026/).count()).toBe(0);
      expect(await page.getByText('wifi password').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('applies a knowledge-base update published by the server without a reload', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl('&lang=en'));
    try {
      // The first visit loads the model; with a 5 s idle timeout, the guest starts once it is ready.
      await modelReady(page);
      await page.getByRole('button', { name: /Start/ }).click();
      await page.locator('[data-connection="online"]').waitFor();

      const login = await fetch(`${fx.server.httpUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'sun-li', password: 'demo-admin-1' }),
      });
      const { token } = (await login.json()) as { token: string };
      const kb = (await (await fetch(`${fx.server.httpUrl}/api/kb/grand-hotel`)).json()) as Record<
        string,
        unknown
      > & {
        faq: Array<{ intent: string; answer: { zh: string; en: string } }>;
      };
      const { version: _v, updatedAt: _u, ...input } = kb;
      input.faq.find((f) => f.intent === 'wifi')!.answer = {
        zh: '无线网络：Yunqi-Guest，密码 new-pass-2026',
        en: 'Wi-Fi: Yunqi-Guest, password new-pass-2026',
      };
      const put = await fetch(`${fx.server.httpUrl}/api/kb/grand-hotel`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ reason: 'new Wi-Fi password', kb: input }),
      });
      expect(put.status).toBe(200);

      // The snapshot arrives over MQTT; the next question is answered from it.
      await expect
        .poll(
          async () => {
            await page.getByRole('textbox', { name: 'Type your question' }).fill('wifi password');
            await page.getByRole('button', { name: 'Send', exact: true }).click();
            return page.getByText('password new-pass-2026').count();
          },
          { timeout: 10_000, interval: 500 },
        )
        .toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
