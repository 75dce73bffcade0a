/**
 * The mini-program's H5 build, served by a real edge server at /m/app/, in Chromium on a 360 px
 * phone: ask and get an answer from the site's knowledge base; continue a conversation a kiosk
 * handed over (its QR's /m/continue link) with its history, then chat both ways with the member of
 * staff who claimed it; a server without phone sign-in refuses with a clear error on the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeServer, FRONT_DESK, StaffClient, launchBrowser } from '../../kiosk/e2e/harness.js';
import { KioskClient } from './kiosk-client.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function openPhone(url: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('phone page error:', err.message));
  await page.goto(url);
  return page;
}

/** Types into a Taro `Input` (a native input inside `taro-input-core`) and presses its button. */
async function typeAndSend(page: Page, input: string, button: string, text: string): Promise<void> {
  const field = page.locator(`${input} input`);
  await field.fill(text);
  await page.locator(button).click();
}

describe('the mini-program in a phone browser', () => {
  let server: EdgeServer;
  beforeAll(async () => {
    server = await EdgeServer.start();
  });
  afterAll(async () => server?.dispose());

  it('asks by text and shows the answer from the site knowledge base', async () => {
    const page = await openPhone(`${server.httpUrl}/m/app/#/pages/ask/index?site=grand-hotel`);
    await page.locator('.ask-input input:not([disabled])').waitFor({ timeout: 30_000 });
    await typeAndSend(page, '.ask-input', '.ask-send', 'wifi密码多少');
    await page.locator('.line-assistant', { hasText: 'yunqi2026' }).waitFor({ timeout: 30_000 });
    // The language switch: the page's words change, the conversation stays.
    await page.locator('.lang').click();
    await page.getByText('Talk to a person').waitFor();
    expect(await page.locator('.line-assistant', { hasText: 'yunqi2026' }).count()).toBe(1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('asks for a person from the Ask page; the claim and the chat reach the Chat page', async () => {
    const clerk = await StaffClient.connect(server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    try {
      const page = await openPhone(`${server.httpUrl}/m/app/#/pages/ask/index`);
      await page.locator('.talk-to-person:not([disabled])').waitFor({ timeout: 30_000 });
      await page.locator('.talk-to-person').click();
      const offered = await clerk.waitFor((m) => m.type === 'escalation.offered', 15_000, 'the offer');
      const escalation = offered.body.escalation as { id: string; deviceId: string; trigger: string };
      expect(escalation.deviceId).toMatch(/^phone-/);
      expect(escalation.trigger).toBe('asked_for_person');
      await page.locator('.escalation-pending').waitFor({ timeout: 15_000 });
      await clerk.send('escalation.claim', { escalationId: escalation.id });
      await page.locator('.escalation-claimed').waitFor({ timeout: 15_000 });
      await clerk.send('chat.send', { escalationId: escalation.id, text: 'How can I help?' });
      // The Ask page stays under the Chat page (Taro's page stack): look in the Chat page.
      const chat = page.locator('.chat-page');
      await chat.locator('.line-staff', { hasText: 'How can I help?' }).waitFor({ timeout: 15_000 });
      await typeAndSend(page, '.chat-input', '.chat-send', 'A towel please');
      await clerk.waitFor((m) => m.type === 'chat.message' && m.body.text === 'A towel please', 15_000);
      await chat.locator('.line-guest', { hasText: 'A towel please' }).waitFor();
      await page.context().close();
    } finally {
      await clerk.close();
    }
  });

  it('continues a conversation from the kiosk with its history, then chats both ways with staff', async () => {
    const kiosk = await KioskClient.connect(server.mqttUrl);
    const clerk = await StaffClient.connect(server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    try {
      const conversationId = 'conv-e2e-phone';
      const escalationId = 'esc-e2e-phone';
      const turn = (role: 'guest' | 'assistant', text: string, at: number) =>
        kiosk.send('conversation.turn', {
          conversationId,
          turn: { role, text, at },
          answered: true,
          lang: 'en',
        });
      await turn('guest', 'Is breakfast included?', Date.now() - 2000);
      await turn('assistant', 'Breakfast is served on 2F from 6:30.', Date.now() - 1000);
      await kiosk.send('escalation.raise', {
        escalationId,
        conversationId,
        trigger: 'asked_for_person',
        lang: 'en',
        summary: 'Is breakfast included?',
      });
      await clerk.waitFor((m) => m.type === 'escalation.offered', 10_000, 'the offer');
      await clerk.send('escalation.claim', { escalationId });
      await clerk.send('chat.send', { escalationId, text: 'Hello, this is Li Na' });
      const code = 'E2eHandoverC0de-phone-1';
      await kiosk.send('handover.offer', { code, conversationId, escalationId, ttlS: 600 });

      // The kiosk's QR link: the server's page sends the browser on to the app.
      const page = await openPhone(`${server.httpUrl}/m/continue?h=${code}`);
      await page.waitForURL(/\/m\/app\/#\/pages\/continue\/index/, { timeout: 15_000 });
      await page.locator('.line-guest', { hasText: 'Is breakfast included?' }).waitFor({ timeout: 30_000 });
      await page.locator('.line-assistant', { hasText: 'Breakfast is served on 2F' }).waitFor();
      await page.locator('.line-staff', { hasText: 'Hello, this is Li Na' }).waitFor();
      await page.locator('.escalation-claimed').waitFor();

      // Live: staff → phone, then phone → staff over the phone's own MQTT connection.
      await clerk.send('chat.send', { escalationId, text: 'I will bring the menu' });
      await page.locator('.line-staff', { hasText: 'I will bring the menu' }).waitFor({ timeout: 15_000 });
      await page.locator('.chat-input input').waitFor();
      await typeAndSend(page, '.chat-input', '.chat-send', 'Thank you, room 1203');
      const fromPhone = await clerk.waitFor(
        (m) => m.type === 'chat.message' && m.body.text === 'Thank you, room 1203',
        15_000,
        "the phone's line at the desk",
      );
      expect(fromPhone.body).toMatchObject({ escalationId, from: 'guest' });
      await page.locator('.line-guest', { hasText: 'Thank you, room 1203' }).waitFor();
      await page.locator('.notice.pending').waitFor({ state: 'detached', timeout: 10_000 });
      await page.context().close();
    } finally {
      await kiosk.close();
      await clerk.close();
    }
  });
});

describe('a server without phone sign-in', () => {
  let server: EdgeServer;
  beforeAll(async () => {
    server = await EdgeServer.start({ WECHAT_LOGIN: 'off' });
  });
  afterAll(async () => server?.dispose());

  it('refuses the phone session with a clear error on the page', async () => {
    const page = await openPhone(`${server.httpUrl}/m/app/#/pages/ask/index`);
    const error = page.locator('#error-NOT_CONFIGURED');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('本服务器尚未配置此功能');
    await page.locator('.lang').click();
    expect(await error.textContent()).toContain('phone sign-in is off');
    expect(await page.locator('.ask-input input').isDisabled()).toBe(true);
    await page.context().close();
  });
});
