import { describe, expect, it } from 'vitest';
import { continuePage, phoneAppContinueUrl } from './phone-pages.js';

const view = { escalation: null, ticket: null };

describe('the continue-on-phone page', () => {
  it('sends a browser on to the H5 app with the code and site when the app is built', () => {
    const url = phoneAppContinueUrl('Zk3v9QeR2mT8xLw5pN7aYc', 'grand-hotel');
    expect(url).toBe('/m/app/#/pages/continue/index?h=Zk3v9QeR2mT8xLw5pN7aYc&site=grand-hotel');
    const page = continuePage(view, url);
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      '<meta http-equiv="refresh" content="0; url=/m/app/#/pages/continue/index?h=Zk3v9QeR2mT8xLw5pN7aYc&#38;site=grand-hotel">',
    );
    expect(page.html).toContain('data-continue-app');
  });

  it('stays a status page without the app, and for an unknown code', () => {
    expect(continuePage(view).html).not.toContain('http-equiv="refresh"');
    const unknown = continuePage(null, '/m/app/');
    expect(unknown.status).toBe(404);
    expect(unknown.html).not.toContain('http-equiv="refresh"');
  });
});
