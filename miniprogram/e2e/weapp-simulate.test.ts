/**
 * The built weapp output, rendered by WeChat's component simulator: the Ask page of `dist/weapp`
 * (its `.wxml` compiled by `wcc`, its `.js` run as WeChat would) shows its words in Chinese and signs
 * in to a real edge server with a `wx.login` code (`wx.request` over `fetch`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeServer } from '../../kiosk/e2e/harness.js';
import { loadWeapp, renderPage } from './weapp-harness.js';

describe('the weapp build in miniprogram-simulate', () => {
  let server: EdgeServer;
  beforeAll(async () => {
    server = await EdgeServer.start();
  });
  afterAll(async () => server?.dispose());

  it('renders the Ask page', async () => {
    const simulate = loadWeapp(server.httpUrl);
    const page = renderPage(simulate, 'pages/ask/index');
    const phones = async () =>
      (await server.running!.store.devices.list('grand-hotel')).filter((d) => d.kind === 'phone');
    for (let i = 0; i < 100 && (await phones()).length === 0; i++) await simulate.sleep(100);
    // The page's own words, from the compiled .wxml and the page's .js, in the default language.
    expect(page.dom.querySelector('.page--title')?.textContent).toBe('有什么可以帮您？');
    expect(page.dom.querySelector('.page--talk-to-person')?.textContent).toBe('联系工作人员');
    expect(page.dom.querySelector('.page--ask-input')).not.toBeNull();
    // It signed in with a wx.login code: the server registered a phone, and the page shows no error.
    expect(await phones()).toHaveLength(1);
    expect(page.dom.querySelector('.page--session-error')).toBeNull();
    // A tap on the language switch goes through Taro's event handler and re-renders in English.
    page.querySelector('.lang')?.dispatchEvent('tap');
    for (let i = 0; i < 50 && page.dom.querySelector('.page--title')?.textContent !== 'How can we help?'; i++)
      await simulate.sleep(50);
    expect(page.dom.querySelector('.page--title')?.textContent).toBe('How can we help?');
    page.detach();
  });
});
