import type { NotifyPermission } from '../app/state.js';

export interface OfferNotice {
  /** The escalation or ticket id: also the notification's tag, so a repeat replaces it. */
  id: string;
  kind: 'item' | 'ticket';
  title: string;
  body: string;
  urgent: boolean;
}

/** Vibration pattern of a new offer (ms on, off, on); an emergency buzzes longer. */
const VIBRATE = [200, 100, 200];
const VIBRATE_URGENT = [400, 150, 400, 150, 400];

export function permissionNow(): NotifyPermission {
  if (typeof Notification === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
  return Notification.permission;
}

/**
 * System notifications through the service worker (`registration.showNotification`), so they show
 * while the tab is in the background and a tap opens the item (`notificationclick` in sw.ts).
 */
export class Notifier {
  private audio: AudioContext | null = null;

  async request(): Promise<NotifyPermission> {
    if (permissionNow() === 'unsupported') return 'unsupported';
    return Notification.requestPermission();
  }

  async show(n: OfferNotice): Promise<void> {
    this.chime(n.urgent);
    if (permissionNow() !== 'granted') return;
    const registration = await navigator.serviceWorker.ready;
    const url = `${location.pathname}#/${n.kind}/${n.id}`;
    await registration.showNotification(n.title, {
      body: n.body,
      tag: n.id,
      data: { url },
      requireInteraction: n.urgent,
      // Not in TypeScript's lib yet, but honoured by Chromium and Android.
      ...({ vibrate: n.urgent ? VIBRATE_URGENT : VIBRATE, renotify: true } as object),
    });
  }

  /** A short two-tone chime made on the spot (no audio file); silently nothing where audio is blocked. */
  private chime(urgent: boolean): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      const tones = urgent ? [880, 660, 880, 660] : [880, 660];
      tones.forEach((hz, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = hz;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(ctx.destination);
        const at = ctx.currentTime + i * 0.18;
        osc.start(at);
        osc.stop(at + 0.15);
      });
    } catch {
      // No audio (autoplay policy, no device): the notification and vibration remain.
    }
  }
}

/** Keeps the screen on while on duty, where the browser allows it (Screen Wake Lock API). */
export class ScreenKeeper {
  private lock: { release(): Promise<void> } | null = null;
  private wanted = false;

  constructor() {
    document.addEventListener('visibilitychange', () => {
      // The browser drops the lock whenever the page is hidden; take it again on return.
      if (document.visibilityState === 'visible' && this.wanted) {
        this.lock = null;
        void this.acquire();
      }
    });
  }

  async set(on: boolean): Promise<void> {
    this.wanted = on;
    if (on) await this.acquire();
    else {
      await this.lock?.release().catch(() => undefined);
      this.lock = null;
    }
  }

  private async acquire(): Promise<void> {
    const wakeLock = (
      navigator as Navigator & { wakeLock?: { request(t: 'screen'): Promise<{ release(): Promise<void> }> } }
    ).wakeLock;
    if (!wakeLock || this.lock) return;
    try {
      this.lock = await wakeLock.request('screen');
    } catch {
      // Refused (battery saver, not visible): the console still works, the screen may dim.
      this.lock = null;
    }
  }
}
