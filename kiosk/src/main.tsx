import { render } from 'preact';
import { App } from './app/App.js';
import { ServicesContext, type Services } from './app/context.js';
import { KioskController } from './app/controller.js';
import { AppointmentController } from './features/appointment/controller.js';
import { CheckinController } from './features/checkin/controller.js';
import { FaultController } from './features/fault/controller.js';
import { HandoverController } from './features/phone/handover.js';
import { newId } from './app/ids.js';
import { initialState } from './app/state.js';
import { KioskStore } from './app/store.js';
import { WorkerIntentModel } from './models/worker-intent-model.js';
import {
  DEFAULT_PIN,
  isConfigured,
  loadSettings,
  prefillFromUrl,
  saveSettings,
} from './settings/settings.js';
import { openKioskDb, type KioskSettings } from './storage/db.js';
import { VoiceController } from './features/voice/voice-controller.js';
import { VoiceListener } from './features/voice/voice-listener.js';
import { loadKb, saveKb } from './sync/kb-cache.js';
import type { MqttLink } from './sync/link.js';
import { Outbox } from './sync/outbox.js';
import { RequestClient } from './sync/requests.js';
import { HttpPhotoUploader, PhotoStore } from './sync/photos.js';
import { OutboxSender, type Settled } from './sync/sender.js';
import type { EscalationTrigger, IntentId } from '@frontdesk/protocol';
import { createVisionServices } from './vision/services.js';
import { WebAudioOut } from './voice/audio-out.js';
import { loadEspeakFiles } from './voice/espeak-asset.js';
import { EspeakSpeechSynthesizer } from './voice/espeak-synthesizer.js';
import { Speaker } from './voice/speaker.js';
import { dict } from './i18n/dict.js';
import './styles.css';

/** Unacknowledged requests are sent again after this long on a live link (and on every reconnect). */
const ACK_TIMEOUT_MS = 10_000;
const RESEND_CHECK_MS = 2_000;
/** A journey request (booking lookup, check-in) waits this long for its reply before it is re-sent or given up. */
const REQUEST_TIMEOUT_MS = 6_000;

type KioskDb = Awaited<ReturnType<typeof openKioskDb>>;
/** The MQTT link once started (after the first screen is up); until then publishing waits in the outbox. */
interface LinkSlot {
  current: MqttLink | null;
}
type PhotoReaderService = Services['photoReader'];

/** The composition root: the one place that picks implementations and wires them together. */
async function boot(): Promise<void> {
  const db = await openKioskDb();
  const settings = await loadStartSettings(db);
  const store = await createStore(db, settings);
  const link: LinkSlot = { current: null };
  // The edge server that served the kiosk also takes its photos and serves the phone pages.
  const origin = window.location.origin;
  // A request the kiosk refuses itself (too large to send) is settled like a server refusal.
  const refused: { settle?: (settled: Settled) => void } = {};
  const { sender, photos } = await startOutbox(db, settings, store, link, origin, refused);
  const controller = createKioskController(store, sender);
  refused.settle = (settled) => controller.settled(settled);
  // Vision (face presence, OCR): workers started on first use; touch only / typing where unavailable.
  const vision = createVisionServices(import.meta.env.BASE_URL);
  const journeys = startJourneys(settings, store, controller, link, vision.photoReader);

  const configured = isConfigured(settings);
  if (!configured) store.dispatch({ type: 'connection', state: 'offline' });
  await sender.notify();

  const voiceIn = startVoiceIn(store, controller);
  const services: Services = {
    ...vision,
    store,
    controller,
    checkin: journeys.checkin,
    appointment: journeys.appointment,
    settings: settingsService(db, settings, configured),
    fault: new FaultController({
      sender,
      photos,
      photoReader: vision.photoReader,
      dispatch: store.dispatch,
      getState: () => store.state,
      now: () => Date.now(),
      newId,
    }),
    handover: new HandoverController({
      sender,
      random: (bytes) => crypto.getRandomValues(bytes),
      origin,
    }),
    kioskPlace: settings.place,
    origin,
    voice: voiceIn.voice,
  };
  startSpeechOut(store, settings);
  renderApp(services);
  listenIfGranted(voiceIn);
  registerServiceWorker();
  if (configured) {
    await startLink({ db, settings, store, link, sender, controller, requests: journeys.requests });
    window.setInterval(() => void sender.tick(), RESEND_CHECK_MS);
    void learnRegisteredPlace(origin, settings.deviceId, settings.secret, db, (place) =>
      store.dispatch({ type: 'registered_place', place }),
    );
  }
}

/** The saved settings, with any set up from the URL (`?site=…`) saved and taken out of the address bar. */
async function loadStartSettings(db: KioskDb): Promise<KioskSettings> {
  const settings = await loadSettings(db);
  const prefill = prefillFromUrl(settings, window.location.href);
  if (prefill.cleanUrl === null) return settings;
  await saveSettings(db, prefill.settings);
  window.history.replaceState(null, '', prefill.cleanUrl);
  return prefill.settings;
}

async function createStore(db: KioskDb, settings: KioskSettings): Promise<KioskStore> {
  const store = new KioskStore(initialState(settings.defaultLang));
  const kb = settings.site ? await loadKb(db, settings.site) : null;
  if (kb) store.dispatch({ type: 'kb', kb });
  return store;
}

/** Wayfinding, fault photos, continue on the phone (features/wayfinding, fault, phone): the outbox. */
async function startOutbox(
  db: KioskDb,
  settings: KioskSettings,
  store: KioskStore,
  link: LinkSlot,
  origin: string,
  refused: { settle?: (settled: Settled) => void },
): Promise<{ sender: OutboxSender; photos: PhotoStore }> {
  const outbox = new Outbox(db);
  const photos = new PhotoStore(db);
  const photoUploads = {
    store: photos,
    uploader: new HttpPhotoUploader({
      baseUrl: origin,
      deviceId: settings.deviceId,
      secret: settings.secret,
    }),
  };
  // A photo no request refers to (the guest walked away mid-report, a power cut) is deleted at start.
  const referenced = new Set((await outbox.pending()).flatMap((e) => e.photos ?? []));
  for (const key of await photos.keys()) if (!referenced.has(key)) await photos.delete(key);
  const sender = new OutboxSender({
    outbox,
    photos: photoUploads,
    onUploadError: (err) => console.warn('photo upload failed; it will be retried', err),
    deviceId: settings.deviceId,
    publish: (topic, payload) => link.current?.publish(topic, payload),
    now: () => Date.now(),
    newId,
    ackTimeoutMs: ACK_TIMEOUT_MS,
    onPending: (count) => store.dispatch({ type: 'pending', count }),
    onRefused: (settled) => refused.settle?.(settled),
  });
  return { sender, photos };
}

function createKioskController(store: KioskStore, sender: OutboxSender): KioskController {
  // The trained intent model runs in a worker; its first load (about 16 MB with the wasm runtime, from
  // the precache after the first visit) shows progress, and a failure leaves the buttons working.
  const model = new WorkerIntentModel(
    () => new Worker(new URL('./models/intent.worker.ts', import.meta.url), { type: 'module' }),
    (status) => {
      if (status.status === 'failed')
        console.warn(`intent model unavailable [${status.code}] ${status.message}`);
      store.dispatch({ type: 'model', model: status.status === 'failed' ? { status: 'failed' } : status });
    },
  );
  return new KioskController({
    sender,
    model,
    dispatch: store.dispatch,
    getState: () => store.state,
    now: () => Date.now(),
    newId,
  });
}

/** Journeys (features/checkin, features/appointment): request / reply, never the outbox. */
function startJourneys(
  settings: KioskSettings,
  store: KioskStore,
  controller: KioskController,
  link: LinkSlot,
  photoReader: PhotoReaderService,
): { requests: RequestClient; checkin: CheckinController; appointment: AppointmentController } {
  const requests = new RequestClient({
    deviceId: settings.deviceId,
    publish: (topic, payload) => link.current?.publish(topic, payload),
    online: () => link.current !== null && store.state.connection === 'online',
    newId,
    now: () => Date.now(),
    setTimer: (fn, ms) => {
      const handle = window.setTimeout(fn, ms);
      return () => window.clearTimeout(handle);
    },
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const journeyDeps = {
    requests,
    dispatch: store.dispatch,
    getState: () => store.state,
    now: () => Date.now(),
    requestPerson: (trigger: EscalationTrigger, intent?: IntentId) =>
      controller.requestPerson(trigger, intent ? { intent } : {}),
  };
  const checkin = new CheckinController({ ...journeyDeps, photoReader });
  const appointment = new AppointmentController(journeyDeps);
  // Back on the attract screen, answers still on their way belong to nobody.
  store.subscribe(() => {
    if (store.state.screen === 'attract') requests.abandonAll();
  });
  return { requests, checkin, appointment };
}

/** Voice: hands-free spoken commands into the same dialogue as typed text (features/voice). */
function startVoiceIn(
  store: KioskStore,
  controller: KioskController,
): { listener: VoiceListener; voice: Services['voice'] } {
  const voiceController = new VoiceController({
    actions: controller,
    getState: () => store.state,
    dispatch: store.dispatch,
  });
  const listener = new VoiceListener({
    onListening: () => store.dispatch({ type: 'listening.started' }),
    onStopped: () => store.dispatch({ type: 'listening.stopped' }),
    onDenied: () => store.dispatch({ type: 'listening.denied' }),
    onUnavailable: (reason) => {
      console.warn('voice commands unavailable:', reason);
      store.dispatch({ type: 'listening.unavailable' });
    },
    onSpeech: (on) => store.dispatch({ type: 'listening.speech', on }),
    onCommand: (command) => void voiceController.command(command),
  });
  const voice =
    typeof navigator.mediaDevices?.getUserMedia === 'function'
      ? {
          toggle: async () => {
            if (listener.listening) return listener.stop();
            store.dispatch({ type: 'listening.starting' });
            return listener.start();
          },
        }
      : null;
  return { listener, voice };
}

function settingsService(db: KioskDb, settings: KioskSettings, configured: boolean): Services['settings'] {
  return {
    load: () => loadSettings(db),
    save: async (next) => {
      await saveSettings(db, next);
      window.location.reload();
    },
    checkPin: (pin) => pin === DEFAULT_PIN,
    idleTimeoutS: settings.idleTimeoutS,
    configured,
  };
}

/**
 * Voice (speech out): answers are spoken by a Speaker that follows the state; espeak-ng (GPL-3.0) is
 * loaded into its worker when a guest arrives, never bundled.
 */
function startSpeechOut(store: KioskStore, settings: KioskSettings): void {
  store.dispatch({ type: 'speech.default', on: settings.speakAnswers });
  const synthesizer = new EspeakSpeechSynthesizer({
    createWorker: () => new Worker(new URL('./voice/espeak.worker.ts', import.meta.url), { type: 'module' }),
    loadFiles: () => loadEspeakFiles(),
    audio: new WebAudioOut(),
    onPiece: (piece) => performance.mark('tts-piece', { detail: piece }),
  });
  const speaker = new Speaker({
    getState: () => store.state,
    subscribe: (listener) => store.subscribe(listener),
    dispatch: store.dispatch,
    synthesizer,
    volume: () => settings.volume / 100,
    notUnderstood: (lang) => dict(lang).notUnderstood,
    onFailure: (error) => console.warn('speech out failed; answers stay on screen', error),
  });
  speaker.start();
  // A touch or a key anywhere silences the kiosk at once (the guest wants to act, not listen).
  for (const type of ['pointerdown', 'keydown'] as const)
    window.addEventListener(type, () => speaker.interrupt(), { capture: true, passive: true });
}

function renderApp(services: Services): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}

/** Hands-free: where the microphone is already granted (a kiosk's browser policy), listen from boot. */
function listenIfGranted({ listener, voice }: { listener: VoiceListener; voice: Services['voice'] }): void {
  if (voice && navigator.permissions) {
    navigator.permissions
      .query({ name: 'microphone' as PermissionName })
      .then((p) => (p.state === 'granted' && !listener.listening ? voice.toggle() : undefined))
      .catch(() => undefined);
  }
}

function registerServiceWorker(): void {
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .catch((err: unknown) =>
        console.warn('service worker not registered; the kiosk needs the network to load', err),
      );
  }
}

/** The link to the edge server; mqtt.js and the message schemas are loaded after the first screen is up. */
async function startLink(deps: {
  db: KioskDb;
  settings: KioskSettings;
  store: KioskStore;
  link: LinkSlot;
  sender: OutboxSender;
  controller: KioskController;
  requests: RequestClient;
}): Promise<void> {
  const { db, settings, store, sender, controller, requests } = deps;
  const { MqttLink, sameOriginMqttUrl } = await import('./sync/link.js');
  deps.link.current = new MqttLink({
    url: settings.mqttUrl || sameOriginMqttUrl(window.location),
    deviceId: settings.deviceId,
    secret: settings.secret,
    site: settings.site,
    onState: (state) => {
      store.dispatch({ type: 'connection', state });
      void sender.setOnline(state === 'online');
    },
    onMessage: (message) => {
      void (async () => {
        if (requests.received(message)) return;
        if (message.type === 'ack') {
          const settled = await sender.handleAck(message.body);
          if (settled) controller.settled(settled);
          return;
        }
        if (message.type === 'error') {
          const settled = await sender.handleError(message.body);
          if (settled) controller.settled(settled);
          return;
        }
        if (message.type === 'kb.snapshot') {
          if (message.body.site !== settings.site) return;
          await saveKb(db, message.body);
        }
        controller.received(message);
      })();
    },
    onInvalid: (reason) => console.warn('ignored an invalid message from the server', reason),
  });
}

/**
 * The kiosk's place as registered on the server (`GET /api/devices/me`), cached in IndexedDB so an
 * offline start still knows where it stands.
 */
async function learnRegisteredPlace(
  origin: string,
  deviceId: string,
  secret: string,
  db: KioskDb,
  onPlace: (place: string | null) => void,
): Promise<void> {
  const cached = (await db.get('kv', 'registered-place')) as string | undefined;
  if (cached) onPlace(cached);
  try {
    const res = await fetch(`${origin}/api/devices/me`, {
      headers: { authorization: `Basic ${btoa(`${deviceId}:${secret}`)}` },
    });
    if (!res.ok) return;
    const me = (await res.json()) as { place?: unknown };
    const place = typeof me.place === 'string' ? me.place : null;
    if (place) await db.put('kv', place, 'registered-place');
    onPlace(place);
  } catch {
    // Offline: the cached place (if any) stands.
  }
}

void boot();
