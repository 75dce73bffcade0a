/**
 * Issue 13: the admin section in Chromium, with a real kiosk page in the same test. 孙丽 edits a FAQ
 * answer and the kiosk answers the same question with the new text without a reload; a blank answer
 * is refused by the server and shown on its field; she compares the versions and reverts, and the
 * kiosk answers with the old text again; the audit trail finds the revert. axe-core on every screen.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EdgeServer,
  axeViolations,
  launchBrowser,
  modelReady,
  openKiosk,
  smallTargets,
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

/** axe-core in Chinese and in English, back to Chinese; and no target under 48 px. */
async function axeBothLanguages(page: Page, what: string): Promise<void> {
  expect(await smallTargets(page), what).toEqual([]);
  expect(await axeViolations(page), `${what} (zh)`).toEqual([]);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  expect(await axeViolations(page), `${what} (en)`).toEqual([]);
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.locator('html[lang="zh-CN"]').waitFor();
}

/** Asks the kiosk until an answer bubble matching `answer` is on screen (the KB arrives over MQTT). */
async function kioskAnswers(kiosk: Page, answer: RegExp): Promise<void> {
  const bubbles = kiosk.locator('li.bubble-assistant').filter({ hasText: answer });
  const before = await bubbles.count();
  await expect
    .poll(
      async () => {
        await kiosk.getByRole('textbox', { name: 'Type your question' }).fill('wifi password');
        await kiosk.getByRole('button', { name: 'Send', exact: true }).click();
        return bubbles.count();
      },
      { timeout: 15_000, interval: 1_000 },
    )
    .toBeGreaterThan(before);
}

const NEW_EN = 'Wi-Fi: Yunqi-Guest, password admin-e2e-7';
const NEW_ZH = '无线网络：Yunqi-Guest，密码 admin-e2e-7';

describe('admin: knowledge base, versions, audit trail', () => {
  it('孙丽 edits the Wi-Fi answer, the kiosk answers with it live; she reverts and the kiosk answers as before', async () => {
    const kiosk = await openKiosk(browser, server.kioskUrl('&lang=en'));
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    // As on any staff handheld (console.test.ts): with notifications off the console shows its banner.
    await context.grantPermissions(['notifications'], { origin: server.httpUrl });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('console page error:', err.message));
    try {
      await modelReady(kiosk.page);
      await kiosk.page.getByRole('button', { name: /Start/ }).click();
      await kiosk.page.locator('[data-connection="online"]').waitFor();
      await kioskAnswers(kiosk.page, /password yunqi2026/);

      await page.goto(`${server.httpUrl}/staff/`);
      await page.getByLabel('员工编号').fill('sun-li');
      await page.getByLabel('密码').fill('demo-admin-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('[data-connection="online"]').waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: '管理' }).click();
      await page.getByRole('heading', { name: '知识库：常见问题答案' }).waitFor();
      const labels = await page.locator('#faq-entry option').allTextContents();
      await page.getByLabel('条目').selectOption({ index: labels.findIndex((l) => l.includes('Wi-Fi')) });
      await expect.poll(() => page.getByLabel('英文答案').inputValue()).toContain('yunqi2026');
      await axeBothLanguages(page, 'KB editor');

      // A blank answer: the server refuses it, the problem is shown on that field, nothing is published.
      await page.getByLabel('中文答案').fill('');
      await page.getByLabel('修改原因（必填）').fill('试一试空答案');
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.locator('#answer-zh[aria-invalid="true"]').waitFor();
      expect(await page.locator('#answer-zh-error').textContent()).toMatch(/>=1|too small/i);
      expect(await page.locator('#answer-en[aria-invalid="true"]').count()).toBe(0);
      await axeBothLanguages(page, 'KB editor with a server problem');
      expect((await (await fetch(`${server.httpUrl}/api/kb/grand-hotel`)).json()).version).toBe(1);

      await page.getByLabel('中文答案').fill(NEW_ZH);
      await page.getByLabel('英文答案').fill(NEW_EN);
      await page.getByLabel('预览语言').selectOption('en');
      await page.locator('.kiosk-frame .bubble-assistant', { hasText: NEW_EN }).waitFor();
      await page.getByLabel('修改原因（必填）').fill('新的 Wi-Fi 密码');
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.getByText('已发布为版本 2，自助终端已更新。').waitFor();
      await kioskAnswers(kiosk.page, /password admin-e2e-7/);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出当前版本' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('kb-grand-hotel-v2.json');
      const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
        site: string;
        version?: number;
      };
      expect(exported.site).toBe('grand-hotel');
      expect(JSON.stringify(exported)).toContain('admin-e2e-7');
      expect(exported.version).toBeUndefined();

      await page.getByRole('link', { name: '版本' }).click();
      const v2 = page.locator('li.version[data-version="2"]');
      await v2.waitFor();
      expect(await v2.textContent()).toContain('staff:sun-li');
      expect(await v2.textContent()).toContain('新的 Wi-Fi 密码');
      expect(await page.locator('li.version').count()).toBe(2);
      await page.getByLabel('旧版本').selectOption('1');
      await page.getByLabel('新版本').selectOption('2');
      await page.getByRole('button', { name: '显示差异' }).click();
      await page.locator('.diff-added', { hasText: 'admin-e2e-7' }).first().waitFor();
      expect(await page.locator('.diff-removed', { hasText: 'yunqi2026' }).count()).toBeGreaterThan(0);
      await axeBothLanguages(page, 'versions and diff');

      await page.getByLabel('恢复到', { exact: true }).selectOption('1');
      await page.locator('#revert-reason').fill('改回原来的密码');
      await page.getByRole('button', { name: '恢复并发布' }).click();
      await page.getByText('已将版本 1 的内容发布为版本 3。').waitFor();
      await kioskAnswers(kiosk.page, /password yunqi2026/);

      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByLabel('操作', { exact: true }).selectOption('kb.revert');
      await page.getByRole('button', { name: '查询' }).click();
      const entry = page.locator('li.audit-entry[data-action="kb.revert"]');
      await entry.waitFor();
      expect(await entry.textContent()).toContain('改回原来的密码');
      expect(await page.locator('li.audit-entry').count()).toBe(1);
      await axeBothLanguages(page, 'audit trail');
    } finally {
      await context.close();
      await kiosk.context.close();
    }
  });
});
