import { useEffect, useRef, useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import type { IntentId } from '@frontdesk/protocol';
import type { ChatLine } from '../../app/vocabulary.js';
import type { Dict } from '../../i18n/dict.js';
import { JourneyButtons } from '../journey/JourneyButtons.js';
import { ContinueOnPhone } from '../phone/ContinueOnPhone.js';
import { MicButton, VoiceStatus } from '../voice/VoiceControl.js';
import { TextInput } from '../../app/TextInput.js';

function speaker(line: ChatLine, t: Dict): string {
  if (line.role === 'guest') return t.you;
  if (line.role === 'staff') return line.name ?? t.staff;
  return t.assistant;
}

export function Transcript({ lines, label }: { lines: ChatLine[]; label: string }) {
  const t = useText();
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [lines.length]);
  return (
    <ol class="transcript" aria-label={label} aria-live="polite" tabIndex={0}>
      {lines.map((line) => (
        <li key={line.id} class={`bubble bubble-${line.role}`} data-role={line.role}>
          <span class="bubble-who">{speaker(line, t)}</span>
          <span class="bubble-text">{line.text === '' ? t.notUnderstood : line.text}</span>
        </li>
      ))}
      <li ref={end} class="transcript-end" aria-hidden="true" />
    </ol>
  );
}

/** The first load of the language model, with progress; a failure is said plainly. */
function ModelStatusLine() {
  const { model } = useKioskState();
  const t = useText();
  if (model.status === 'failed')
    return (
      <p class="notice" role="alert">
        {t.modelFailed}
      </p>
    );
  if (model.status === 'ready') return null;
  const percent = model.totalBytes > 0 ? Math.floor((100 * model.loadedBytes) / model.totalBytes) : null;
  const label = percent === null ? t.modelLoading : t.modelLoadingPercent(percent);
  return (
    <div class="model-status" role="status">
      <span>{label}</span>
      <progress
        aria-label={t.modelLoading}
        max={model.totalBytes || 1}
        value={percent === null ? undefined : model.loadedBytes}
      />
    </div>
  );
}

/** Ask by typing (speech comes with the models); answers come from the synced knowledge base. */
export function AskScreen() {
  const state = useKioskState();
  const t = useText();
  const { controller } = useServices();

  return (
    <section class="ask" aria-labelledby="ask-title">
      <h1 id="ask-title">{t.askTitle}</h1>
      <JourneyButtons />
      <Transcript lines={state.transcript} label={t.chatLog} />
      {state.clarify && state.clarify.length > 0 && <ClarifyChoices choices={state.clarify} />}
      {state.transcript.length === 0 && <Suggestions />}
      <ModelStatusLine />
      {state.dialogue.offerPerson && state.model.status === 'ready' && (
        <p class="notice" role="status">
          {t.offerPerson}
        </p>
      )}
      {state.notice === 'mic_unavailable' && (
        <p class="notice" role="status">
          {t.micUnavailable}
        </p>
      )}
      <VoiceStatus />
      <AskForm />
      {state.transcript.some((l) => l.role === 'assistant') && <ContinueOnPhone />}
      <div class="actions">
        <button
          type="button"
          class={state.dialogue.offerPerson ? 'primary' : 'secondary'}
          onClick={() => void controller.requestPerson()}
        >
          {t.askPerson}
        </button>
        <button type="button" class="secondary" onClick={() => controller.finish()}>
          {t.endSession}
        </button>
      </div>
    </section>
  );
}

/** "Did you mean…": the likely intents as buttons, and a way out. */
function ClarifyChoices({ choices }: { choices: IntentId[] }) {
  const t = useText();
  const { controller } = useServices();
  return (
    <div class="clarify" role="group" aria-labelledby="clarify-title">
      <p id="clarify-title">{t.clarify}</p>
      {choices.map((intent) => (
        <button type="button" class="choice" key={intent} onClick={() => void controller.choose(intent)}>
          {t.intentLabels[intent] ?? t.intentFallback}
        </button>
      ))}
      <button type="button" class="choice secondary" onClick={() => void controller.noneOfThese()}>
        {t.noneOfThese}
      </button>
    </div>
  );
}

/** Questions to start with, before anything has been asked. */
function Suggestions() {
  const t = useText();
  const { controller } = useServices();
  const suggestions = [t.suggestWifi, t.suggestBreakfast, t.suggestParking];
  return (
    <div class="suggestions" role="group" aria-label={t.suggestions}>
      {suggestions.map((s) => (
        <button type="button" class="choice" key={s} onClick={() => void controller.ask(s)}>
          {s}
        </button>
      ))}
    </div>
  );
}

/** The question box (focused on arrival), the microphone and send. */
function AskForm() {
  const t = useText();
  const { controller } = useServices();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = (e: Event) => {
    e.preventDefault();
    const question = text;
    setText('');
    void controller.ask(question);
  };
  return (
    <form class="ask-form" onSubmit={submit}>
      <label for="ask-input" class="ask-label">
        {t.askLabel}
      </label>
      <div class="ask-row">
        <TextInput
          id="ask-input"
          inputRef={input}
          enterkeyhint="send"
          maxLength={500}
          placeholder={t.askPlaceholder}
          value={text}
          onValue={setText}
        />
        <MicButton />
        <button type="submit" class="primary">
          {t.send}
        </button>
      </div>
    </form>
  );
}
