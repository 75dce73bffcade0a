import { useEffect } from 'preact/hooks';
import { AppointmentScreen } from '../features/appointment/AppointmentScreen.js';
import { AskScreen } from '../features/ask/AskScreen.js';
import { AttractScreen } from '../features/attract/AttractScreen.js';
import { CheckinScreen } from '../features/checkin/CheckinScreen.js';
import { HandoffScreen } from '../features/handoff/HandoffScreen.js';
import { RatingScreen } from '../features/rating/RatingScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { TriageScreen } from '../features/triage/TriageScreen.js';
import { FaultScreen } from '../features/fault/FaultScreen.js';
import { WayfindingScreen } from '../features/wayfinding/WayfindingScreen.js';
import { SpeechToggle } from '../voice/SpeechToggle.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { useKioskState, useServices, useText } from './context.js';

/** Activity that keeps a session alive; anything else and the kiosk returns to the attract screen. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input'] as const;
/** A guest waiting for staff may stand still for a while: the idle timeout is longer then. */
const HANDOFF_IDLE_FACTOR = 3;

function useIdleReset(): void {
  const state = useKioskState();
  const { controller, settings } = useServices();
  const active =
    state.handoff &&
    (state.handoff.status === 'pending' ||
      state.handoff.status === 'claimed' ||
      state.handoff.status === 'queued');
  const timeoutMs = settings.idleTimeoutS * 1000 * (active ? HANDOFF_IDLE_FACTOR : 1);
  const lastChat = state.handoff?.chat.length ?? 0;
  useEffect(() => {
    if (state.screen === 'attract') return undefined;
    let timer = setTimeout(() => controller.idle(), timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.idle(), timeoutMs);
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [state.screen, timeoutMs, lastChat, controller]);
}

export function App() {
  const state = useKioskState();
  const t = useText();
  const { store } = useServices();
  useIdleReset();

  useEffect(() => {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.appTitle;
  }, [state.lang, t]);

  const site = state.kb?.name[state.lang];
  return (
    <div
      class={`kiosk${state.largeText ? ' large-text' : ''}`}
      data-model={state.model.status}
      data-speaking={String(state.speech.speaking)}
    >
      <header class="topbar">
        <div class="brand">
          <span class="brand-title">{site ?? t.appTitle}</span>
          <ConnectionIndicator />
        </div>
        <div class="topbar-actions">
          <button
            type="button"
            class="chip"
            lang={state.lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={t.langSwitchLabel}
            onClick={() => store.dispatch({ type: 'lang', lang: state.lang === 'zh' ? 'en' : 'zh' })}
          >
            {t.langSwitch}
          </button>
          <button
            type="button"
            class="chip"
            aria-pressed={state.largeText}
            onClick={() => store.dispatch({ type: 'large_text', on: !state.largeText })}
          >
            {t.largeText}
          </button>
          <SpeechToggle />
        </div>
      </header>
      <main class="screen" id="main">
        {state.screen === 'attract' && <AttractScreen />}
        {state.screen === 'ask' && <AskScreen />}
        {state.screen === 'handoff' && <HandoffScreen />}
        {state.screen === 'rating' && <RatingScreen />}
        {state.screen === 'settings' && <SettingsScreen />}
        {state.screen === 'checkin' && <CheckinScreen />}
        {state.screen === 'appointment' && <AppointmentScreen />}
        {state.screen === 'triage' && <TriageScreen />}
        {state.screen === 'wayfinding' && <WayfindingScreen />}
        {state.screen === 'fault' && <FaultScreen />}
      </main>
      {state.screen !== 'settings' && (
        <footer class="footer">
          <button
            type="button"
            class="link-button"
            onClick={() => store.dispatch({ type: 'settings', open: true })}
          >
            {t.settings}
          </button>
        </footer>
      )}
    </div>
  );
}
