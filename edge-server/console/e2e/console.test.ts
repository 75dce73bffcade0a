import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_KIOSK,
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

/** A photo uploaded as the lobby kiosk does (`POST /api/photos`): the console's own icon will do. */
async function kioskUploadPhoto(): Promise<string> {
  const res = await fetch(`${server.httpUrl}/api/photos`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${DEMO_KIOSK.id}:${DEMO_KIOSK.secret}`).toString('base64')}`,
      'content-type': 'image/png',
    },
    body: readFileSync(new URL('../public/icon-192.png', import.meta.url)),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { photoId: string }).photoId;
}

/** The lobby kiosk as a bare MQTT client: raises what a test needs without driving its screen. */
async function kioskPublish(type: string, body: object): Promise<void> {
  const client = await mqtt.connectAsync(server.mqttUrl, {
    clientId: `${DEMO_KIOSK.id}.e2e`,
    username: DEMO_KIOSK.id,
    password: DEMO_KIOSK.secret,
    protocolVersion: 4,
  });
  const id = `e2e-${type}-${Date.now()}`;
  const message = { v: 1, id, type, from: DEMO_KIOSK.id, ts: Date.now(), body };
  await client.publishAsync(`fd/v1/device/${DEMO_KIOSK.id}/up`, JSON.stringify(message), { qos: 1 });
  await client.endAsync();
}

/** A guest on the kiosk's screen taps "contact staff" (no language model needed for that). */
async function kioskAsksForPerson(page: Page): Promise<void> {
  await page.getByRole('button', { name: /开始/ }).click();
  await page.locator('[data-connection="online"]').waitFor();
  await page.getByRole('button', { name: '联系工作人员' }).click();
  await page.locator('[data-status="pending"]').waitFor();
}

/** What a tap does: the service worker's `notificationclick` for the notification tagged `tag`. */
async function tapNotification(context: BrowserContext, tag: string): Promise<void> {
  const [worker] = context.serviceWorkers();
  expect(worker, 'the console has a service worker').toBeDefined();
  const tapped = await worker!.evaluate(async (t) => {
    // The service worker's globals (this file is typed for pages).
    const sw = self as unknown as {
      registration: { getNotifications(filter: { tag: string }): Promise<Notification[]> };
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      dispatchEvent(event: Event): boolean;
    };
    const [notification] = await sw.registration.getNotifications({ tag: t });
    if (!notification) return false;
    try {
      sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification }));
    } catch {
      // waitUntil refuses an untrusted event after the handler has started its work.
    }
    return true;
  }, tag);
  expect(tapped, `a notification tagged ${tag}`).toBe(true);
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
      await waitUntil(
        async () => (await server.running!.store.staff.getPresence('li-na'))?.place === 'h-front-desk',
        10_000,
        "李娜's place (presence.set)",
      );
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

      await kioskAsksForPerson(kiosk.page);

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

      // Tapping the notification opens the item (the service worker's notificationclick).
      await tapNotification(lina.context, escalationId);
      await lina.page.waitForURL(`**/staff/#/item/${escalationId}`);
      await lina.page.getByRole('heading', { name: '客人要求人工' }).waitFor();
      await lina.page.locator('.floor-map svg').waitFor();
      await axeBothLanguages(lina.page, 'item, pending');
      await lina.page.getByRole('button', { name: '认领' }).click();
      await lina.page.locator('[data-escalation-status="claimed"]').waitFor();
      await kiosk.page.getByText('李娜 正在为您服务').waitFor();

      await wang.page.getByRole('button', { name: '认领' }).click();
      await wang.page.locator('[data-claim="lost"]').getByText('李娜 已先认领了这个请求。').waitFor();
      expect(await axeViolations(wang.page)).toEqual([]);

      // The hotel's own quick replies (its knowledge base), not the console's built-in ones.
      await lina.page.getByRole('button', { name: '您好，我是云栖酒店前台，马上为您处理。' }).click();
      expect(await lina.page.getByLabel('回复客人').inputValue()).toBe(
        '您好，我是云栖酒店前台，马上为您处理。',
      );
      await lina.page.getByRole('button', { name: '发送', exact: true }).click();
      await kiosk.page.getByText('您好，我是云栖酒店前台，马上为您处理。').waitFor();

      await kiosk.page.getByRole('textbox', { name: '给工作人员发消息' }).fill('我的房卡打不开门');
      await kiosk.page.getByRole('button', { name: '发送', exact: true }).click();
      await lina.page.locator('[data-from="guest"]').getByText('我的房卡打不开门').waitFor();
      await axeBothLanguages(lina.page, 'item, claimed with chat');

      await lina.page.getByLabel('结案备注').fill('已为客人重新制卡');
      await lina.page.getByRole('button', { name: '结案' }).click();
      // The guest watching the handoff is taken to the rating screen, and rates.
      await kiosk.page.getByRole('heading', { name: '请为本次服务打分' }).waitFor();
      await kiosk.page.locator('.rating-scores .score').nth(4).click();
      await kiosk.page.locator('.rating-thanks').waitFor();
      await lina.page.locator('[data-escalation-status="resolved"]').waitFor();
      const stored = await server.running!.store.escalations.get(escalationId);
      expect(stored).toMatchObject({ status: 'resolved', assigneeId: 'li-na' });
      // The guest's rating reaches the server (the kiosk's outbox sends it).
      for (let i = 0; i < 100 && (await server.running!.store.ratings.list('grand-hotel')).length === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await server.running!.store.ratings.list('grand-hotel')).map((r) => r.score)).toContain(5);
    } finally {
      await Promise.all([lina.context.close(), wang.context.close(), kiosk.context.close()]);
    }
  });

  it('陈杰 takes a maintenance ticket through in progress to resolved with a note; 赵磊 watches the board', async () => {
    const chen = await openConsole();
    const zhao = await openConsole();
    try {
      await signIn(chen.page, 'chen-jie', 'demo-maint-1');
      await kioskPublish('ticket.create', {
        ticketId: 't-e2e-1',
        category: 'hvac',
        description: '空调显示E4 不制冷',
        room: '1203',
        faultCode: 'E4',
        lang: 'zh',
      });
      const photoId = await kioskUploadPhoto();
      await kioskPublish('escalation.raise', {
        escalationId: 'esc-e2e-board',
        conversationId: 'conv-e2e-board',
        trigger: 'negative_sentiment',
        lang: 'en',
        summary: 'The room is too noisy',
        photoIds: [photoId],
      });
      const entry = chen.page.locator('a.entry[data-kind="ticket"][data-id="t-e2e-1"]');
      await entry.waitFor({ timeout: 15_000 });
      await waitUntil(
        async () => (await notificationTitles(chen.page)).includes('新工单：空调'),
        10_000,
        'the ticket notification',
      );
      await entry.click();
      await chen.page.getByRole('heading', { name: '工单 · 空调' }).waitFor();
      await axeBothLanguages(chen.page, 'ticket');
      await chen.page.getByRole('button', { name: '设为处理中' }).click();
      const store = server.running!.store;
      await waitUntil(
        async () => (await store.tickets.get('t-e2e-1'))?.status === 'in_progress',
        10_000,
        'in progress',
      );
      await chen.page.getByLabel('处理备注').fill('已更换温控器');
      await chen.page.getByRole('button', { name: '设为已解决' }).click();
      await waitUntil(
        async () => (await store.tickets.get('t-e2e-1'))?.status === 'resolved',
        10_000,
        'resolved',
      );
      expect(await store.tickets.get('t-e2e-1')).toMatchObject({
        assigneeId: 'chen-jie',
        note: '已更换温控器',
      });
      await chen.page.locator('[data-ticket-status="resolved"]').waitFor();

      await signIn(zhao.page, 'zhao-lei', 'demo-super-1');
      await zhao.page.getByRole('link', { name: '主管看板' }).click();
      await zhao.page.getByRole('heading', { name: '主管看板' }).waitFor();
      await zhao.page.getByRole('row', { name: /前台.*优先.*待认领 1/ }).waitFor({ timeout: 15_000 });
      await zhao.page
        .locator('[data-staff="chen-jie"]')
        .getByText(/在线 · 在岗/)
        .waitFor();
      await axeBothLanguages(zhao.page, 'board');
      expect(await smallTargets(zhao.page)).toEqual([]);

      // A supervisor may close any open conversation, claimed or not.
      await zhao.page.locator('a.entry[data-id="esc-e2e-board"]').first().click();
      await zhao.page.getByRole('heading', { name: '客人不满' }).waitFor();
      // The guest's photo is fetched with the staff session and shown from a blob.
      const photo = zhao.page.getByRole('img', { name: '客人照片 1' });
      await photo.waitFor();
      expect(await photo.getAttribute('src')).toMatch(/^blob:/);
      expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
      await zhao.page.getByLabel('结案备注').fill('已安排换房');
      await zhao.page.getByRole('button', { name: '结案' }).click();
      await waitUntil(
        async () => (await store.escalations.get('esc-e2e-board'))?.status === 'resolved',
        10_000,
        'the supervisor resolving',
      );
    } finally {
      await Promise.all([chen.context.close(), zhao.context.close()]);
    }
  });

  it('offline: a reply waits in the outbox (shown as pending) and reaches the guest after the server is back; drafts survive a reload', async () => {
    const lina = await openConsole();
    const kiosk = await openKiosk(browser, server.kioskUrl());
    try {
      await signIn(lina.page, 'li-na', 'demo-front-1');
      await kioskAsksForPerson(kiosk.page);
      const entry = lina.page.locator('a.entry[data-kind="escalation"]');
      await entry.waitFor({ timeout: 15_000 });
      await entry.click();
      await lina.page.getByRole('button', { name: '认领' }).click();
      await lina.page.locator('[data-escalation-status="claimed"]').waitFor();
      await kiosk.page.getByText('李娜 正在为您服务').waitFor();

      // A draft is kept across a reload (and the session too).
      await lina.page.getByLabel('回复客人').fill('草稿：请稍等');
      await lina.page.reload();
      await lina.page.locator('[data-connection="online"]').waitFor();
      await waitUntil(
        async () => (await lina.page.getByLabel('回复客人').inputValue()) === '草稿：请稍等',
        10_000,
        'the draft after a reload',
      );

      await server.stop();
      await lina.page
        .locator('[data-connection="offline"], [data-connection="connecting"]')
        .first()
        .waitFor();
      await lina.page.getByLabel('回复客人').fill('网络断了也不会丢');
      await lina.page.getByRole('button', { name: '发送', exact: true }).click();
      await lina.page.locator('[data-pending="1"]').getByText('1 项待发送').waitFor();
      await lina.page.locator('[data-from="staff"]').getByText('网络断了也不会丢').waitFor();

      await server.restart();
      await kiosk.page.getByText('网络断了也不会丢').waitFor({ timeout: 20_000 });
      await lina.page.locator('[data-pending]').waitFor({ state: 'detached', timeout: 20_000 });

      // The shell is precached: with no network at all the console still opens (and says it is offline).
      await lina.context.setOffline(true);
      await lina.page.reload();
      await lina.page
        .locator('[data-connection="offline"], [data-connection="connecting"]')
        .first()
        .waitFor();
      await lina.page.getByRole('heading', { name: '客人要求人工' }).waitFor();
      await lina.context.setOffline(false);
    } finally {
      await Promise.all([lina.context.close(), kiosk.context.close()]);
    }
  });

  it('an expired session goes back to sign-in with a plain message; the id and the typed reply are kept', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    // Fake timers from the first script on, so twelve hours can pass in a moment.
    await context.clock.install();
    const page = await context.newPage();
    try {
      await page.goto(`${server.httpUrl}/staff/`);
      await signIn(page, 'li-na', 'demo-front-1');
      // Not granted in this context: the console says so, plainly.
      await page.locator('[data-notifications="default"]').getByText('尚未开启通知').waitFor();
      await kioskPublish('escalation.raise', {
        escalationId: 'esc-e2e-expiry',
        conversationId: 'conv-e2e-expiry',
        trigger: 'asked_for_person',
        lang: 'zh',
        summary: '需要加一张房卡',
        transcript: [
          { role: 'guest', text: 'wifi密码是多少', at: Date.now(), intent: 'wifi', confidence: 0.82 },
        ],
        intents: ['wifi'],
      });
      await page.locator('a.entry[data-id="esc-e2e-expiry"]').click();
      await page.getByText('Wi-Fi 与上网 置信度 82%').waitFor();
      await page.getByRole('button', { name: '认领' }).click();
      // The knowledge base's Wi-Fi answer is suggested; one tap puts it in the reply box, to edit.
      await page.getByRole('button', { name: /^插入：.*Yunqi/ }).click();
      expect(await page.getByLabel('回复客人').inputValue()).toMatch(/Yunqi/);
      await page.getByLabel('回复客人').fill('请到前台领取新房卡');

      await page.clock.fastForward('12:00:05');
      await page.getByRole('alert').getByText('登录已过期，请重新登录。').waitFor();
      expect(await page.getByLabel('员工编号').inputValue()).toBe('li-na');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('密码').fill('demo-front-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
      await page.getByRole('heading', { name: '客人要求人工' }).waitFor();
      expect(await page.getByLabel('回复客人').inputValue()).toBe('请到前台领取新房卡');
    } finally {
      await context.close();
    }
  });
});
