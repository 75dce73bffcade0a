import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EdgeServer,
  axeViolations,
  launchBrowser,
  openKiosk,
  smallTargets,
  waitUntil,
} from '../../../kiosk/e2e/harness.js';

let server: EdgeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([EdgeServer.start(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** A handheld: 360 px wide, notifications granted (as the staff member would on first use). */
async function openConsole(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    serviceWorkers: 'allow',
  });
  await context.grantPermissions(['notifications'], { origin: server.httpUrl });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('console page error:', err.message));
  await page.goto(`${server.httpUrl}/staff/`);
  return { context, page };
}

async function signIn(page: Page, id: string, password: string): Promise<void> {
  await page.getByLabel('员工编号').fill(id);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
}

/** axe-core in Chinese and in English, back to Chinese. */
async function axeBothLanguages(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `${what} (zh)`).toEqual([]);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  expect(await axeViolations(page), `${what} (en)`).toEqual([]);
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.locator('html[lang="zh-CN"]').waitFor();
}

async function notificationTitles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => n.title);
  });
}

describe('staff console', () => {
  it('a kiosk escalation reaches 李娜 with a notification; she claims, chats both ways and resolves; 王伟 is told she won', async () => {
    const lina = await openConsole();
    const wang = await openConsole();
    const kiosk = await openKiosk(browser, server.kioskUrl());
    try {
      await signIn(lina.page, 'li-na', 'demo-front-1');
      await lina.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await lina.page.getByLabel('当前位置').selectOption('h-front-desk');
      await lina.page.getByText('暂时没有待处理的请求。').waitFor();
      await axeBothLanguages(lina.page, 'inbox');
      expect(await smallTargets(lina.page)).toEqual([]);
      // 王伟 is off duty: the offer goes to 李娜, but he still sees front-desk requests by skill.
      await signIn(wang.page, 'wang-wei', 'demo-front-2');
      await wang.page.getByRole('switch').uncheck();
      await waitUntil(
        async () => (await server.running!.store.staff.getPresence('wang-wei'))?.onDuty === false,
        10_000,
        "王伟's off-duty presence",
      );

      await kiosk.page.getByRole('button', { name: /开始/ }).click();
      await kiosk.page.locator('[data-connection="online"]').waitFor();
      await kiosk.page.getByRole('button', { name: '联系工作人员' }).click();
      await kiosk.page.locator('[data-status="pending"]').waitFor();

      const entry = lina.page.locator('a.entry[data-kind="escalation"]');
      await entry.waitFor({ timeout: 15_000 });
      const escalationId = (await entry.getAttribute('data-id'))!;
      await waitUntil(
        async () => (await notificationTitles(lina.page)).some((t) => t.startsWith('新的求助')),
        10_000,
        'the offer notification',
      );
      await lina.page.locator('[data-sla="ok"]').first().waitFor();

      await wang.page.goto(`${server.httpUrl}/staff/#/item/${escalationId}`);
      await wang.page.getByRole('button', { name: '认领' }).waitFor();

      await entry.click();
      await lina.page.getByRole('heading', { name: '客人要求人工' }).waitFor();
      await lina.page.locator('.floor-map svg').waitFor();
      await axeBothLanguages(lina.page, 'item, pending');
      await lina.page.getByRole('button', { name: '认领' }).click();
      await lina.page.locator('[data-escalation-status="claimed"]').waitFor();
      await kiosk.page.getByText('李娜 正在为您服务').waitFor();

      await wang.page.getByRole('button', { name: '认领' }).click();
      await wang.page.locator('[data-claim="lost"]').getByText('李娜 已先认领了这个请求。').waitFor();
      expect(await axeViolations(wang.page)).toEqual([]);

      await lina.page.getByRole('button', { name: '您好，我是前台，马上为您处理。' }).click();
      expect(await lina.page.getByLabel('回复客人').inputValue()).toBe('您好，我是前台，马上为您处理。');
      await lina.page.getByRole('button', { name: '发送', exact: true }).click();
      await kiosk.page.getByText('您好，我是前台，马上为您处理。').waitFor();

      await kiosk.page.getByRole('textbox', { name: '给工作人员发消息' }).fill('我的房卡打不开门');
      await kiosk.page.getByRole('button', { name: '发送', exact: true }).click();
      await lina.page.locator('[data-from="guest"]').getByText('我的房卡打不开门').waitFor();
      await axeBothLanguages(lina.page, 'item, claimed with chat');

      await lina.page.getByLabel('结案备注').fill('已为客人重新制卡');
      await lina.page.getByRole('button', { name: '结案' }).click();
      await kiosk.page.getByText('本次服务已结束。').waitFor();
      // The kiosk asks for a rating when the guest ends the session (it does not jump there by itself).
      await kiosk.page.getByRole('button', { name: '结束' }).click();
      await kiosk.page.getByRole('heading', { name: '请为本次服务打分' }).waitFor();
      await lina.page.locator('[data-escalation-status="resolved"]').waitFor();
      const stored = await server.running!.store.escalations.get(escalationId);
      expect(stored).toMatchObject({ status: 'resolved', assigneeId: 'li-na' });
    } finally {
      await Promise.all([lina.context.close(), wang.context.close(), kiosk.context.close()]);
    }
  });
});
