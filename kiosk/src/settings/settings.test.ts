import { describe, expect, it } from 'vitest';
import { emptySettings, prefillFromUrl } from './settings.js';

describe('prefillFromUrl', () => {
  it('fills an unconfigured kiosk and strips the parameters, secret included, from the URL', () => {
    const { settings, cleanUrl } = prefillFromUrl(
      emptySettings,
      'http://edge:8080/kiosk/?device=kiosk-hotel-lobby&secret=s3cret&site=grand-hotel&lang=en&idle=30&keep=1#x',
    );
    expect(settings).toMatchObject({
      deviceId: 'kiosk-hotel-lobby',
      secret: 's3cret',
      site: 'grand-hotel',
      defaultLang: 'en',
      idleTimeoutS: 30,
    });
    expect(cleanUrl).toBe('/kiosk/?keep=1#x');
  });

  it('does not let a link change a configured kiosk, but still strips the parameters', () => {
    const configured = { ...emptySettings, deviceId: 'a', secret: 'b', site: 'c' };
    const { settings, cleanUrl } = prefillFromUrl(configured, 'http://edge/kiosk/?device=evil&secret=x');
    expect(settings).toEqual(configured);
    expect(cleanUrl).toBe('/kiosk/');
  });

  it('reads the voice settings, ignoring values out of range', () => {
    const off = prefillFromUrl(
      emptySettings,
      'http://edge/kiosk/?device=a&secret=b&site=c&speech=0&volume=35',
    );
    expect(off.settings).toMatchObject({ speakAnswers: false, volume: 35 });
    expect(off.cleanUrl).toBe('/kiosk/');
    const bad = prefillFromUrl(emptySettings, 'http://edge/kiosk/?device=a&speech=yes&volume=250');
    expect(bad.settings).toMatchObject({ speakAnswers: true, volume: 80 });
  });

  it('leaves a URL without parameters alone', () => {
    expect(prefillFromUrl(emptySettings, 'http://edge/kiosk/').cleanUrl).toBeNull();
  });
});
