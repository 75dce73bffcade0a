import { describe, expect, it } from 'vitest';
import { FRONT_DESK, StaffClient, axeViolations, waitUntil, modelReady } from './harness.js';
import { useKioskFixture } from './fixture.js';

// Several page loads, a model load and a server restart: minutes on a busy two-core machine.
const E2E_LONG_MS = 150_000;

const fx = useKioskFixture();

describe('offline', () => {
  it(
    'loads and answers with the server stopped; an escalation made offline arrives once',
    async () => {
      const staff = await StaffClient.connect(fx.server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
      const { context, page } = await fx.open(fx.server.kioskUrl());
      try {
        // Online first: the knowledge base arrives and the service worker takes control.
        await page.getByRole('button', { name: /开始/ }).click();
        await page.locator('[data-connection="online"]').waitFor();
        await modelReady(page);
        await page.getByRole('textbox', { name: '输入您的问题' }).fill('早餐几点');
        await page.getByRole('button', { name: '发送', exact: true }).click();
        await page.getByText(/早餐在二楼云栖餐厅/).waitFor();
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

        // The server and the link go away. (The page leaves first: the server's close() waits for
        // open WebSocket clients, see the kiosk README.)
        await page.goto('about:blank');
        await fx.server.stop();
        await context.setOffline(true);
        await page.goto(`${fx.server.httpUrl}/kiosk/`);
        await page.locator('[data-connection="offline"]').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: /开始/ }).click();
        await page.getByRole('textbox', { name: '输入您的问题' }).fill('wifi密码多少');
        await page.getByRole('button', { name: '发送', exact: true }).click();
        await page.getByText('Yunqi-Guest，密码：yunqi2026').waitFor();

        await page.getByRole('button', { name: '联系工作人员' }).click();
        await page.getByText('已加入队列，网络恢复后会立即发送。').waitFor();
        expect(await axeViolations(page)).toEqual([]);

        // A reload (or a power cut) keeps what is waiting in the outbox.
        await page.reload();
        await page.getByText(/条待发送/).waitFor();

        await fx.server.restart();
        await context.setOffline(false);
        const offer = await staff.waitFor(
          (m) => m.type === 'escalation.offered',
          20_000,
          'the offline escalation',
        );
        await page.locator('[data-connection="online"]').waitFor({ timeout: 20_000 });
        await waitUntil(
          async () => (await page.getByText(/条待发送/).count()) === 0,
          20_000,
          'an empty outbox',
        );

        // Give a second delivery (the outbox's resend, mqtt.js's own) time to show up if there were one.
        await new Promise((r) => setTimeout(r, 1500));
        const escalationId = (offer.body.escalation as { id: string }).id;
        const offers = staff.received.filter(
          (m) => m.type === 'escalation.offered' && (m.body.escalation as { id: string }).id === escalationId,
        );
        expect(offers).toHaveLength(1);
        const stored = await fx.server.running!.store.escalations.list({ deviceId: 'kiosk-hotel-lobby' });
        expect(stored).toHaveLength(1);
      } finally {
        await context.close();
        await staff.close();
      }
    },
    E2E_LONG_MS,
  );
});
