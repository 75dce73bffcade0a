/**
 * Issue 12 on the built kiosk and console in Chromium against a real server: 赵磊 (supervisor) joins a
 * chat 李娜 holds, from the board; the kiosk shows his message under his name and 李娜's console shows
 * it live; each side sees the other's lines once. Then a ticket on the board, reassigned from there.
 */
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK, EdgeServer, launchBrowser, openKiosk, waitUntil } from '../../../kiosk/e2e/harness.js';

let server: EdgeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([EdgeServer.start(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** A handheld, 360 px wide, signed in (on duty, as the console starts). */
async function signedIn(id: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('console page error:', err.message));
  await page.goto(`${server.httpUrl}/staff/`);
  await page.getByLabel('员工编号').fill(id);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
  await waitUntil(
    async () => (await server.running!.store.staff.getPresence(id))?.online === true,
    10_000,
    `${id} online`,
  );
  return { context, page };
}

/** The board's section under the heading `name`. */
function boardSection(page: Page, name: string) {
  return page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });
}

async function openBoard(page: Page): Promise<void> {
  await page.getByRole('link', { name: '主管看板' }).click();
  await page.getByRole('heading', { name: '主管看板' }).waitFor();
}

describe('a supervisor joins a conversation; tickets on the board', () => {
  it(
    '赵磊 joins the chat 李娜 holds: the kiosk shows his name and words, 李娜 sees them live, and each line shows once',
    { timeout: 180_000 },
    async () => {
      const lina = await signedIn('li-na', 'demo-front-1');
      const kiosk = await openKiosk(browser, server.kioskUrl());
      let zhao: { context: BrowserContext; page: Page } | undefined;
      try {
        await kiosk.page.getByRole('button', { name: /开始/ }).click();
        await kiosk.page.locator('[data-connection="online"]').waitFor();
        await kiosk.page.getByRole('button', { name: '联系工作人员' }).click();
        await kiosk.page.locator('[data-status="pending"]').waitFor();

        const entry = lina.page.locator('a.entry[data-kind="escalation"]');
        await entry.waitFor({ timeout: 15_000 });
        const id = (await entry.getAttribute('data-id'))!;
        await entry.click();
        await lina.page.getByRole('button', { name: '认领' }).click();
        await lina.page.locator('[data-escalation-status="claimed"]').waitFor();
        await kiosk.page.getByText('李娜 正在为您服务').waitFor({ timeout: 10_000 });

        zhao = await signedIn('zhao-lei', 'demo-super-1');
        await openBoard(zhao.page);
        await boardSection(zhao.page, '所有进行中的对话').locator(`a.entry[data-id="${id}"]`).click();
        await zhao.page.getByText('李娜 处理中').waitFor();
        await zhao.page.locator('[data-joining]').waitFor();
        // The hotel's own quick replies come from its knowledge base.
        await zhao.page.locator('[data-quick-reply="kb:on-my-way"]').waitFor();
        const words = '我是值班主管，我来协助李娜';
        await zhao.page.getByLabel('回复客人').fill(words);
        await zhao.page.getByRole('button', { name: '发送', exact: true }).click();

        const bubble = kiosk.page.locator('[data-role="staff"]', { hasText: words });
        await bubble.waitFor({ timeout: 10_000 });
        expect(await bubble.locator('.bubble-who').textContent()).toBe('赵磊');
        // 李娜's console, live: no reload, no reopening.
        const atLina = lina.page.locator('[data-from="staff"]', { hasText: words });
        await atLina.waitFor({ timeout: 10_000 });
        expect(await atLina.locator('.who').textContent()).toBe('赵磊');

        await lina.page.getByLabel('回复客人').fill('谢谢主管，我继续跟进');
        await lina.page.getByRole('button', { name: '发送', exact: true }).click();
        await zhao.page.locator('[data-from="staff"]', { hasText: '谢谢主管，我继续跟进' }).waitFor();
        await kiosk.page.getByRole('textbox', { name: '给工作人员发消息' }).fill('好的，谢谢');
        await kiosk.page.getByRole('button', { name: '发送', exact: true }).click();
        await zhao.page.locator('[data-from="guest"]', { hasText: '好的，谢谢' }).waitFor();
        await lina.page.locator('[data-from="guest"]', { hasText: '好的，谢谢' }).waitFor();

        // Once each, although the writer's own line also came back as an echo.
        for (const page of [zhao.page, lina.page]) {
          expect(await page.locator('.chat-log li', { hasText: words }).count()).toBe(1);
          expect(await page.locator('.chat-log li', { hasText: '谢谢主管' }).count()).toBe(1);
        }
        expect(await server.running!.store.escalations.get(id)).toMatchObject({ assigneeId: 'li-na' });
      } finally {
        await Promise.all([lina.context.close(), kiosk.context.close(), zhao?.context.close()]);
      }
    },
  );

  it('a fault ticket shows on 赵磊’s board without the guest’s words, and he reassigns it to 李娜', async () => {
    const zhao = await signedIn('zhao-lei', 'demo-super-1');
    try {
      const client = await mqtt.connectAsync(server.mqttUrl, {
        clientId: `${DEMO_KIOSK.id}.e2e`,
        username: DEMO_KIOSK.id,
        password: DEMO_KIOSK.secret,
        protocolVersion: 4,
      });
      const body = {
        ticketId: 'tk-join-e2e',
        category: 'plumbing',
        room: '1203',
        description: '淋浴漏水',
        lang: 'zh',
      };
      const message = {
        v: 1,
        id: `e2e-ticket-${Date.now()}`,
        type: 'ticket.create',
        from: DEMO_KIOSK.id,
        ts: Date.now(),
        body,
      };
      await client.publishAsync(`fd/v1/device/${DEMO_KIOSK.id}/up`, JSON.stringify(message), { qos: 1 });
      await client.endAsync();

      await openBoard(zhao.page);
      const row = boardSection(zhao.page, '进行中的工单').locator('[data-ticket="tk-join-e2e"]');
      await row.waitFor({ timeout: 10_000 });
      await row.getByText('未指派').waitFor();
      await row.locator('[data-unstaffed]').waitFor();
      expect(await row.textContent()).not.toContain('淋浴漏水');
      await row.getByLabel('指派给').selectOption('li-na');
      await row.getByRole('button', { name: '指派', exact: true }).click();
      await row.locator('.entry-title', { hasText: '李娜' }).waitFor({ timeout: 10_000 });
      expect(await server.running!.store.tickets.get('tk-join-e2e')).toMatchObject({
        status: 'assigned',
        assigneeId: 'li-na',
      });
      // The ticket's own screen: its history names who assigned it.
      await row.locator('a.entry').click();
      await zhao.page
        .locator('[data-history="assigned"]')
        .getByText('操作人：赵磊')
        .waitFor({ timeout: 10_000 });
    } finally {
      await zhao.context.close();
    }
  });
});
