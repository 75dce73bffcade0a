/**
 * Issue 12's remaining proofs, on the built kiosk and console in Chromium against a real server whose
 * emergency claim window is 2 s: an unclaimed emergency climbs to the supervisor's board and he hands
 * it to 李娜; a fault report's status changes on the handheld reach the kiosk; a ticket nobody on duty
 * can take reaches the supervisor flagged unstaffed.
 */
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_KIOSK,
  EdgeServer,
  launchBrowser,
  modelReady,
  openKiosk,
  waitUntil,
} from '../../../kiosk/e2e/harness.js';

let server: EdgeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    EdgeServer.start({ SLA_EMERGENCY_CLAIM_MS: '2000' }),
    launchBrowser(),
  ]);
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

/** The lobby kiosk as a bare MQTT client, for a ticket the test needs without driving the screen. */
async function kioskPublish(type: string, body: object): Promise<void> {
  const client = await mqtt.connectAsync(server.mqttUrl, {
    clientId: `${DEMO_KIOSK.id}.e2e`,
    username: DEMO_KIOSK.id,
    password: DEMO_KIOSK.secret,
    protocolVersion: 4,
  });
  const message = { v: 1, id: `e2e-${type}-${Date.now()}`, type, from: DEMO_KIOSK.id, ts: Date.now(), body };
  await client.publishAsync(`fd/v1/device/${DEMO_KIOSK.id}/up`, JSON.stringify(message), { qos: 1 });
  await client.endAsync();
}

/** The board's section under the heading `name`. */
function boardSection(page: Page, name: string) {
  return page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });
}

describe('supervisor and tickets', () => {
  it(
    'an unclaimed emergency climbs to 赵磊’s board when its 2 s window runs out; he transfers it to 李娜, whose console and the kiosk show her',
    { timeout: 240_000 },
    async () => {
      const lina = await signedIn('li-na', 'demo-front-1');
      // The security guard on duty is offered the emergency and does not claim it.
      const yang = await signedIn('yang-fan', 'demo-security-1');
      const kiosk = await openKiosk(browser, server.kioskUrl());
      let zhao: { context: BrowserContext; page: Page } | undefined;
      try {
        await kiosk.page.getByRole('button', { name: /开始/ }).click();
        await kiosk.page.locator('[data-connection="online"]').waitFor();
        await modelReady(kiosk.page, 150_000);
        await kiosk.page.getByRole('textbox', { name: '输入您的问题' }).fill('胸口很痛，喘不上气');
        await kiosk.page.getByRole('button', { name: '发送', exact: true }).click();
        await kiosk.page.locator('[data-status="pending"]').waitFor({ timeout: 15_000 });

        const store = server.running!.store;
        let id = '';
        await waitUntil(
          async () => {
            const [e] = (await store.escalations.list({ site: 'grand-hotel' })).filter(
              (x) => x.trigger === 'emergency',
            );
            id = e?.id ?? '';
            return id !== '';
          },
          10_000,
          'the emergency on the server',
        );
        await yang.page.locator(`a.entry[data-id="${id}"]`).waitFor({ timeout: 10_000 });
        // Nobody claims: 2 s to the supervisors (level 1), 2 s more to everyone (level 2).
        await waitUntil(
          async () => ((await store.escalations.get(id))?.level ?? 0) >= 1,
          15_000,
          'the re-escalation',
        );

        zhao = await signedIn('zhao-lei', 'demo-super-1');
        await zhao.page.getByRole('link', { name: '主管看板' }).click();
        await zhao.page.getByRole('heading', { name: '主管看板' }).waitFor();
        const climbed = boardSection(zhao.page, '已升级的请求').locator(`a.entry[data-id="${id}"]`);
        await climbed.getByText(/^升级 [12] 级$/).waitFor({ timeout: 15_000 });
        expect(await climbed.locator('[data-priority]').getAttribute('data-priority')).toBe('emergency');
        await climbed.click();
        await zhao.page.getByRole('heading', { name: '紧急情况' }).waitFor();
        await zhao.page.locator('[data-escalation-status="pending"]').waitFor();
        await zhao.page.getByLabel('转交给').selectOption('staff:li-na');
        await zhao.page.getByLabel('转交说明（可选）').fill('客人胸痛，请马上过去');
        await zhao.page.getByRole('button', { name: '转交', exact: true }).click();
        await zhao.page.getByText('李娜 处理中').waitFor({ timeout: 10_000 });

        // Hers: in her inbox, and on its screen as claimed by her, with the reply box open.
        await lina.page.locator(`a.entry[data-id="${id}"]`).click({ timeout: 10_000 });
        await lina.page.locator('[data-escalation-status="claimed"]').waitFor();
        await lina.page.getByText('李娜 处理中').waitFor();
        await lina.page.getByLabel('回复客人').waitFor();
        await kiosk.page.getByText('李娜 正在为您服务').waitFor({ timeout: 10_000 });
        expect(await store.escalations.get(id)).toMatchObject({ status: 'claimed', assigneeId: 'li-na' });
        await yang.page.locator(`a.entry[data-id="${id}"]`).waitFor({ state: 'detached', timeout: 10_000 });
      } finally {
        await Promise.all([
          lina.context.close(),
          yang.context.close(),
          kiosk.context.close(),
          zhao?.context.close(),
        ]);
      }
    },
  );

  it('a maintenance ticket nobody is on duty for reaches 赵磊 flagged unstaffed', async () => {
    const zhao = await signedIn('zhao-lei', 'demo-super-1');
    try {
      expect((await server.running!.store.staff.getPresence('chen-jie'))?.online ?? false).toBe(false);
      await kioskPublish('ticket.create', {
        ticketId: 't-e2e-unstaffed',
        category: 'appliance',
        description: '冰箱不制冷',
        room: '905',
        lang: 'zh',
      });
      const entry = zhao.page.locator('a.entry[data-kind="ticket"][data-id="t-e2e-unstaffed"]');
      await entry.locator('[data-unstaffed]').getByText('无人在岗，已转主管').waitFor({ timeout: 15_000 });
      expect(await server.running!.store.tickets.get('t-e2e-unstaffed')).toMatchObject({
        status: 'open',
        unstaffed: true,
      });
    } finally {
      await zhao.context.close();
    }
  });

  it('a fault reported on the kiosk: 陈杰 sets it in progress, then resolved, and the kiosk shows each status', async () => {
    const chen = await signedIn('chen-jie', 'demo-maint-1');
    const kiosk = await openKiosk(browser, server.kioskUrl());
    try {
      const page = kiosk.page;
      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await page.getByRole('button', { name: '报修', exact: true }).click();
      await page.getByRole('button', { name: '不拍照，跳过' }).click();
      await page.getByRole('textbox', { name: '请描述问题' }).fill('台灯不亮');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('textbox', { name: /房间号/ }).fill('1108');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('button', { name: '电路/照明' }).click();
      await page.getByRole('button', { name: '提交报修' }).click();
      await page.locator('[data-ticket-status="assigned"]').getByText('已安排维修人员。').waitFor({
        timeout: 15_000,
      });
      await page.getByText('负责人：陈杰').waitFor();

      const entry = chen.page.locator('a.entry[data-kind="ticket"]', { hasText: '台灯不亮' });
      await entry.click({ timeout: 15_000 });
      await chen.page.getByRole('button', { name: '设为处理中' }).click();
      await page.locator('[data-ticket-status="in_progress"]').getByText('维修人员正在处理。').waitFor({
        timeout: 10_000,
      });
      await chen.page.getByLabel('处理备注').fill('更换了灯泡');
      await chen.page.getByRole('button', { name: '设为已解决' }).click();
      await page.locator('[data-ticket-status="resolved"]').getByText('问题已解决。').waitFor({
        timeout: 10_000,
      });
      await chen.page.locator('[data-ticket-status="resolved"]').waitFor();
    } finally {
      await Promise.all([chen.context.close(), kiosk.context.close()]);
    }
  });
});
