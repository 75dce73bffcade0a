import type { KioskDatabase, KioskSettings } from '../storage/db.js';

/** The staff PIN that opens the settings screen. Documented in kiosk/README.md; change it per site. */
export const DEFAULT_PIN = '2468';
export const DEFAULT_IDLE_TIMEOUT_S = 90;
export const DEFAULT_VOLUME = 80;

export const emptySettings: KioskSettings = {
  deviceId: '',
  secret: '',
  site: '',
  defaultLang: 'zh',
  idleTimeoutS: DEFAULT_IDLE_TIMEOUT_S,
  mqttUrl: '',
  place: '',
  volume: DEFAULT_VOLUME,
  speakAnswers: true,
};

export function isConfigured(s: KioskSettings): boolean {
  return s.deviceId !== '' && s.secret !== '' && s.site !== '';
}

export async function loadSettings(db: KioskDatabase): Promise<KioskSettings> {
  const stored = (await db.get('kv', 'settings')) as KioskSettings | undefined;
  return { ...emptySettings, ...stored };
}

export async function saveSettings(db: KioskDatabase, settings: KioskSettings): Promise<void> {
  await db.put('kv', settings, 'settings');
}

/** Query parameters that may prefill the settings on a kiosk's first load (tests, the demo). */
const PREFILL = ['device', 'secret', 'site', 'lang', 'idle', 'mqtt', 'place', 'speech', 'volume'] as const;

/**
 * Reads `?device=…&secret=…&site=…` (and optional `lang`, `idle` seconds, `mqtt` URL, `speech=0|1`,
 * `volume` 0–100) into the
 * settings, and returns the URL without them so the secret does not stay in the address bar or the
 * history. Parameters only fill settings that are still empty: a configured kiosk is changed in
 * its settings screen, not by a link.
 */
export function prefillFromUrl(
  current: KioskSettings,
  href: string,
): { settings: KioskSettings; cleanUrl: string | null } {
  const url = new URL(href);
  const p = url.searchParams;
  if (!PREFILL.some((k) => p.has(k))) return { settings: current, cleanUrl: null };
  const next = { ...current };
  if (!isConfigured(current)) {
    next.deviceId = p.get('device') ?? next.deviceId;
    next.secret = p.get('secret') ?? next.secret;
    next.site = p.get('site') ?? next.site;
    const lang = p.get('lang');
    if (lang === 'zh' || lang === 'en') next.defaultLang = lang;
    const idle = Number(p.get('idle'));
    if (Number.isFinite(idle) && idle >= 5) next.idleTimeoutS = Math.round(idle);
    next.mqttUrl = p.get('mqtt') ?? next.mqttUrl;
    next.place = p.get('place') ?? next.place;
    const speech = p.get('speech');
    if (speech === '0' || speech === '1') next.speakAnswers = speech === '1';
    const volume = Number(p.get('volume') ?? NaN);
    if (Number.isFinite(volume) && volume >= 0 && volume <= 100) next.volume = Math.round(volume);
  }
  for (const k of PREFILL) p.delete(k);
  return { settings: next, cleanUrl: url.pathname + (p.size > 0 ? `?${p.toString()}` : '') + url.hash };
}
