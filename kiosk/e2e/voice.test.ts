/**
 * Spoken commands in the built kiosk: Chromium's fake microphone plays a synthesised utterance
 * (models/commands/fixtures, voices held out from training) through the AudioWorklet, the listening
 * worker (Silero VAD + the command head in onnxruntime-web) and the dialogue, to the real server.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FRONT_DESK, StaffClient, axeViolations, fakeMicrophoneArgs, smallTargets } from './harness.js';
import { useKioskFixture } from './fixture.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../models/commands/fixtures/${name}`, import.meta.url));

// No shared browser: each test starts one with its own fake microphone.
const fx = useKioskFixture({ browser: false });

async function listen(browser: Browser) {
  const { context, page } = await fx.open(fx.server.kioskUrl(), { browser });
  await page.getByRole('button', { name: /开始/ }).click();
  await page.locator('[data-connection="online"]').waitFor();
  // Chromium's fake UI grants the microphone, so the kiosk may already listen hands-free from boot;
  // otherwise the guest turns it on with the mic button.
  const start = page.getByRole('button', { name: '开启语音指令' });
  const stop = page.getByRole('button', { name: '关闭语音指令' });
  await start.or(stop).first().waitFor();
  if (await start.isVisible()) await start.click();
  await page.locator('[data-voice="listening"]').waitFor({ timeout: 30_000 });
  return { context, page };
}

describe('voice commands', () => {
  it('a spoken "转人工" raises an escalation that staff receive', async () => {
    const browser = await fx.launch(fakeMicrophoneArgs(fixture('talk-to-person.zh.wav')));
    const staff = await StaffClient.connect(fx.server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    try {
      const { context, page } = await listen(browser);
      // The kiosk says plainly what voice can do: commands only.
      await page.getByText(/仅支持语音指令/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);

      const offer = await staff.waitFor((m) => m.type === 'escalation.offered', 30_000, 'escalation.offered');
      const escalation = offer.body.escalation as { trigger: string; transcript: Array<{ text: string }> };
      expect(escalation.trigger).toBe('asked_for_person');
      expect(escalation.transcript.map((t) => t.text)).toContain('转人工');
      await page.getByRole('heading', { name: '人工服务' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await staff.close();
      await browser.close();
    }
  }, 120_000);

  it('speech that is not a command raises nothing', async () => {
    const browser = await fx.launch(fakeMicrophoneArgs(fixture('non-command.zh.wav')));
    const staff = await StaffClient.connect(fx.server.mqttUrl, FRONT_DESK.id, FRONT_DESK.password);
    try {
      const { context, page } = await listen(browser);
      // The VAD hears the speech (so the audio really flows) …
      await page.locator('[data-voice="listening"]').getByText('听到声音…').waitFor({ timeout: 20_000 });
      // … and over two plays of the file (8.3 s each) no command fires.
      await page.waitForTimeout(17_000);
      expect(staff.received.filter((m) => m.type === 'escalation.offered')).toEqual([]);
      expect(await page.locator('.bubble-guest').count()).toBe(0);
      await context.close();
    } finally {
      await staff.close();
      await browser.close();
    }
  }, 120_000);
});
