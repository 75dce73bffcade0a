/**
 * Issue 12, the staff account on the built console in Chromium against a real server: changing the
 * password ends the member's other sessions and only the new password signs in; signing out ends the
 * token on the server (HTTP and MQTT); a repair photo added on the ticket view.
 */
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_KIOSK,
  EdgeServer,
  axeViolations,
  launchBrowser,
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

/** A handheld; `bearer()` is the session token its last API request carried. */
async function handheld(): Promise<{ context: BrowserContext; page: Page; bearer: () => string | null }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  // As on first use: notifications granted (otherwise their banner is part of every screen).
  await context.grantPermissions(['notifications'], { origin: server.httpUrl });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('console page error:', err.message));
  let bearer: string | null = null;
  page.on('request', (req) => {
    const auth = req.headers().authorization;
    if (auth?.startsWith('Bearer ')) bearer = auth.slice('Bearer '.length);
  });
  await page.goto(`${server.httpUrl}/staff/`);
  return { context, page, bearer: () => bearer };
}

async function signIn(page: Page, id: string, password: string): Promise<void> {
  await page.getByLabel('员工编号').fill(id);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const login = (id: string, password: string) =>
  fetch(`${server.httpUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, password }),
  });
const me = (token: string) =>
  fetch(`${server.httpUrl}/api/staff/me`, { headers: { authorization: `Bearer ${token}` } });

/** Whether the broker takes `token` as `id`'s MQTT password. */
async function mqttAccepts(id: string, token: string): Promise<boolean> {
  try {
    const c = await mqtt.connectAsync(server.mqttUrl, {
      clientId: `${id}.e2e-check`,
      username: id,
      password: token,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    await c.endAsync();
    return true;
  } catch {
    return false;
  }
}

describe('my account', () => {
  it('李娜 changes her password: her other device is signed out, the old password fails, the new one signs in; signing out ends the token', async () => {
    const id = 'li-na';
    const old = 'demo-front-1';
    const next = '新密码-front-2026';
    const other = ((await (await login(id, old)).json()) as { token: string }).token;
    const { context, page, bearer } = await handheld();
    try {
      await signIn(page, id, old);
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: '我的账户' }).click();
      await page.getByRole('heading', { name: '我的账户' }).waitFor();
      expect(await axeViolations(page), 'the account screen').toEqual([]);
      expect(await smallTargets(page), 'the account screen').toEqual([]);
      await page.getByLabel('当前密码').fill(old);
      await page.getByLabel('新密码', { exact: true }).fill(next);
      await page.getByLabel('再次输入新密码').fill('不一样的密码-2026');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('alert').getByText('两次输入的新密码不一致。').waitFor();
      await page.getByLabel('再次输入新密码').fill(next);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByText('密码已修改。您在其他设备上的登录已全部退出。').waitFor({ timeout: 10_000 });
      // This handheld stays signed in, back online with its new token.
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
      await waitUntil(async () => (await me(bearer() ?? '')).status === 200, 10_000, 'the new token in use');
      expect((await me(other)).status).toBe(401);
      expect(await mqttAccepts(id, other)).toBe(false);
      expect((await login(id, old)).status).toBe(401);
      expect((await login(id, next)).status).toBe(200);

      const token = bearer()!;
      await page.getByRole('button', { name: '退出登录' }).first().click();
      await page.getByLabel('员工编号').waitFor();
      expect((await me(token)).status).toBe(401);
      expect(await mqttAccepts(id, token)).toBe(false);

      await signIn(page, id, old);
      await page.getByRole('alert').getByText('员工编号或密码不正确。').waitFor();
      await signIn(page, id, next);
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  it('陈杰 adds a photo of the repair on his ticket and sees it there', async () => {
    const { context, page } = await handheld();
    try {
      await signIn(page, 'chen-jie', 'demo-maint-1');
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
      await waitUntil(
        async () => (await server.running!.store.staff.getPresence('chen-jie'))?.online === true,
        10_000,
        'chen-jie online',
      );
      const client = await mqtt.connectAsync(server.mqttUrl, {
        clientId: `${DEMO_KIOSK.id}.e2e`,
        username: DEMO_KIOSK.id,
        password: DEMO_KIOSK.secret,
        protocolVersion: 4,
      });
      const body = {
        ticketId: 'tk-e2e-repair',
        category: 'electrical',
        description: '插座没电',
        lang: 'zh',
        photoIds: [],
      };
      const message = {
        v: 1,
        id: `e2e-${Date.now()}`,
        type: 'ticket.create',
        from: DEMO_KIOSK.id,
        ts: Date.now(),
        body,
      };
      await client.publishAsync(`fd/v1/device/${DEMO_KIOSK.id}/up`, JSON.stringify(message), { qos: 1 });
      await client.endAsync();

      await page.locator('a.entry[data-kind="ticket"]', { hasText: '插座没电' }).click({ timeout: 15_000 });
      await page
        .getByLabel('添加维修照片')
        .setInputFiles(fileURLToPath(new URL('../public/icon-192.png', import.meta.url)));
      await page.getByText('维修照片已添加。').waitFor({ timeout: 10_000 });
      expect(await axeViolations(page), 'the ticket with a repair photo').toEqual([]);
      await page.locator('[data-repair-photos="1"] img').waitFor({ timeout: 10_000 });
      const ticket = await server.running!.store.tickets.get('tk-e2e-repair');
      expect(ticket?.repairPhotoIds).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
