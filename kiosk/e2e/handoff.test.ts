import { describe, expect, it } from 'vitest';
import { FRONT_DESK, StaffClient, axeViolations, waitUntil, modelReady } from './harness.js';
import { useKioskFixture } from './fixture.js';

// Reassurance after 1.5 s instead of 30 s, so the test sees it.
const fx = useKioskFixture({ env: { SLA_REASSURE_MS: '1500' } });

describe('handoff journey', () => {
  it('a guest asks for a person; staff claim it and chat both ways; the guest rates the help', async () => {
    const staff = await StaffClient.connect(fx.server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    const { context, page } = await fx.open(fx.server.kioskUrl());
    try {
      await page.getByRole('button', { name: /开始/ }).click();
      await page.locator('[data-connection="online"]').waitFor();
      await modelReady(page);
      await page.getByRole('textbox', { name: '输入您的问题' }).fill('我要找人工服务');
      await page.getByRole('button', { name: '发送', exact: true }).click();

      const offer = await staff.waitFor((m) => m.type === 'escalation.offered', 10_000, 'escalation.offered');
      const escalation = offer.body.escalation as {
        id: string;
        trigger: string;
        transcript: Array<{ text: string }>;
      };
      expect(escalation.trigger).toBe('asked_for_person');
      expect(escalation.transcript.map((t) => t.text)).toContain('我要找人工服务');

      await page.getByRole('heading', { name: '人工服务' }).waitFor();
      await page.locator('[data-status="pending"]').waitFor();
      await page.getByText('排在第 1 位').waitFor();
      await page.getByText('工作人员马上就来，感谢您的耐心等待。').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await staff.send('escalation.claim', { escalationId: escalation.id });
      await page.getByText(`${FRONT_DESK.name} 正在为您服务`).waitFor();
      await staff.send('chat.send', {
        escalationId: escalation.id,
        text: '您好，我是前台李娜，请问需要什么帮助？',
      });
      await page.getByText('您好，我是前台李娜，请问需要什么帮助？').waitFor();

      await page.getByRole('textbox', { name: '给工作人员发消息' }).fill('我的房卡打不开门');
      await page.getByRole('button', { name: '发送', exact: true }).click();
      const reply = await staff.waitFor(
        (m) => m.type === 'chat.message' && m.body.from === 'guest',
        10_000,
        'the guest reply',
      );
      expect(reply.body.text).toBe('我的房卡打不开门');
      expect(reply.body.escalationId).toBe(escalation.id);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '结束' }).click();
      await page.getByRole('heading', { name: '请为本次服务打分' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '5 分' }).click();
      await page.getByText('感谢您的评价！').waitFor();
      const store = fx.server.running!.store;
      await waitUntil(
        async () => (await store.ratings.list('grand-hotel')).length === 1,
        10_000,
        'the rating',
      );
      const [rating] = await store.ratings.list('grand-hotel');
      expect(rating).toMatchObject({ score: 5 });
    } finally {
      await context.close();
      await staff.close();
    }
  });

  it('the settings screen opens only with the staff PIN', async () => {
    const { context, page } = await fx.open(fx.server.kioskUrl());
    try {
      await page.getByRole('button', { name: '设置' }).click();
      await page.getByLabel('管理员 PIN 码').fill('0000');
      await page.getByRole('button', { name: '解锁' }).click();
      await page.getByRole('alert').getByText('PIN 码不正确').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('管理员 PIN 码').fill('2468');
      await page.getByRole('button', { name: '解锁' }).click();
      expect(await page.getByLabel('设备 ID').inputValue()).toBe('kiosk-hotel-lobby');
      expect(await page.getByLabel('站点').inputValue()).toBe('grand-hotel');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
