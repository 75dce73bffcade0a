import { useEffect, useState } from 'preact/hooks';
import { useServices, useText } from '../../app/context.js';
import type { KioskSettings } from '../../storage/db.js';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel.js';

/** Staff only: the device's identity and defaults, behind a PIN. */
export function SettingsScreen() {
  const { settings, store } = useServices();
  const [unlocked, setUnlocked] = useState(false);
  const [form, setForm] = useState<KioskSettings | null>(null);

  useEffect(() => {
    if (unlocked) void settings.load().then(setForm);
  }, [unlocked, settings]);

  const close = () => store.dispatch({ type: 'settings', open: false });

  if (!unlocked) return <PinForm onUnlock={() => setUnlocked(true)} onClose={close} />;
  if (!form) return null;
  return <SettingsForm form={form} setForm={setForm} onClose={close} />;
}

function PinForm({ onUnlock, onClose }: { onUnlock: () => void; onClose: () => void }) {
  const t = useText();
  const { settings } = useServices();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t.settingsTitle}</h1>
      <form
        class="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (settings.checkPin(pin)) onUnlock();
          else setWrong(true);
          setPin('');
        }}
      >
        <label for="pin">{t.pinLabel}</label>
        <input
          id="pin"
          type="password"
          inputMode="numeric"
          autocomplete="off"
          value={pin}
          aria-invalid={wrong}
          aria-describedby={wrong ? 'pin-error' : undefined}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
        {wrong && (
          <p id="pin-error" class="notice" role="alert">
            {t.pinWrong}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t.unlock}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            {t.back}
          </button>
        </div>
      </form>
    </section>
  );
}

interface FormProps {
  form: KioskSettings;
  setForm: (next: KioskSettings) => void;
}

function SettingsForm({ form, setForm, onClose }: FormProps & { onClose: () => void }) {
  const t = useText();
  const { settings } = useServices();
  const [saved, setSaved] = useState(false);
  const field = (key: 'deviceId' | 'secret' | 'site' | 'mqttUrl' | 'place', label: string, type = 'text') => (
    <>
      <label for={`set-${key}`}>{label}</label>
      <input
        id={`set-${key}`}
        type={type}
        autocomplete="off"
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </>
  );
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t.settingsTitle}</h1>
      <form
        class="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(true);
          void settings.save(form);
        }}
      >
        {field('deviceId', t.deviceId)}
        {field('secret', t.deviceSecret, 'password')}
        {field('site', t.siteId)}
        {field('mqttUrl', t.serverUrl)}
        {field('place', t.kioskPlaceLabel)}
        <DefaultsFields form={form} setForm={setForm} />
        {saved && (
          <p role="status" class="notice">
            {t.saved}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t.save}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            {t.back}
          </button>
        </div>
      </form>
      <DiagnosticsPanel />
    </section>
  );
}

/** The guest-facing defaults: language, idle timeout, volume and spoken answers. */
function DefaultsFields({ form, setForm }: FormProps) {
  const t = useText();
  return (
    <>
      <label for="set-lang">{t.defaultLang}</label>
      <select
        id="set-lang"
        value={form.defaultLang}
        onChange={(e) => setForm({ ...form, defaultLang: e.currentTarget.value === 'en' ? 'en' : 'zh' })}
      >
        <option value="zh">{t.langZh}</option>
        <option value="en">{t.langEn}</option>
      </select>
      <label for="set-idle">{t.idleSeconds}</label>
      <input
        id="set-idle"
        type="number"
        min={10}
        max={3600}
        value={form.idleTimeoutS}
        onInput={(e) => setForm({ ...form, idleTimeoutS: Math.max(10, Number(e.currentTarget.value) || 90) })}
      />
      <label for="set-volume">{t.settingsVolume}</label>
      <input
        id="set-volume"
        type="range"
        min={0}
        max={100}
        step={5}
        value={form.volume}
        aria-valuetext={`${form.volume}%`}
        onInput={(e) => setForm({ ...form, volume: Number(e.currentTarget.value) })}
      />
      <label class="check">
        <input
          id="set-speak"
          type="checkbox"
          checked={form.speakAnswers}
          onChange={(e) => setForm({ ...form, speakAnswers: e.currentTarget.checked })}
        />
        {t.settingsSpeakAnswers}
      </label>
    </>
  );
}
