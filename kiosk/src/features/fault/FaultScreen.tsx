import { FAULT_CATEGORIES } from '@frontdesk/protocol';
import { useRef, useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { CameraPreview } from '../../camera/CameraPreview.js';
import { capturePhoto } from '../../camera/camera.js';
import { ContinueOnPhone } from '../phone/ContinueOnPhone.js';
import { resolveKioskPlace } from '../wayfinding/places.js';
import { knownFaultCode } from './state.js';
import { TextInput } from '../../app/TextInput.js';

function PhotoStep() {
  const t = useText();
  const { fault } = useServices();
  const video = useRef<HTMLVideoElement | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const take = async () => {
    if (!video.current) return;
    setBusy(true);
    try {
      await fault.photoTaken(await capturePhoto(video.current));
    } catch {
      // The camera stopped between the preview and the shot: the guest can still skip the photo.
      setBusy(false);
    }
  };
  return (
    <div class="fault-photo">
      <p>{t.faultPhotoTitle}</p>
      <CameraPreview
        label={t.faultPhotoLabel}
        onVideo={(v) => {
          video.current = v;
          setReady(v !== null);
        }}
      />
      <div class="actions">
        <button type="button" class="primary" disabled={!ready || busy} onClick={() => void take()}>
          {t.faultTakePhoto}
        </button>
        <button type="button" class="secondary" onClick={() => fault.skipPhoto()}>
          {t.faultSkipPhoto}
        </button>
      </div>
    </div>
  );
}

function DescribeStep() {
  const t = useText();
  const state = useKioskState();
  const { store } = useServices();
  const f = state.fault;
  const [text, setText] = useState(f?.description ?? '');
  if (!f) return null;
  const submit = (e: Event) => {
    e.preventDefault();
    store.dispatch({ type: 'fault.describe', description: text });
  };
  return (
    <form class="fault-describe" onSubmit={submit}>
      {f.readProblem && <p role="status">{t.faultReadProblem}</p>}
      {f.faultCode && <p role="status">{t.faultCodeFound(f.faultCode)}</p>}
      <label for="fault-text" class="ask-label">
        {t.faultDescribeLabel}
      </label>
      <textarea
        id="fault-text"
        rows={3}
        maxLength={1500}
        placeholder={t.faultDescribePlaceholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={!text.trim()}>
          {t.faultNext}
        </button>
      </div>
    </form>
  );
}

function PlaceStep({ here }: { here: string | null }) {
  const t = useText();
  const state = useKioskState();
  const { store } = useServices();
  const f = state.fault;
  const [room, setRoom] = useState(f?.room ?? '');
  const [placeId, setPlaceId] = useState<string>(f?.placeId ?? here ?? '');
  if (!f) return null;
  const places = (state.kb?.places ?? []).filter((p) => p.kind !== 'junction');
  const submit = (e: Event) => {
    e.preventDefault();
    store.dispatch({ type: 'fault.place', room, placeId: placeId || null });
  };
  return (
    <form class="fault-place" onSubmit={submit}>
      <h2>{t.faultWhereTitle}</h2>
      {state.kb?.kind !== 'hospital' && (
        <>
          <label for="fault-room" class="ask-label">
            {t.faultRoomLabel}
          </label>
          <TextInput id="fault-room" inputMode="numeric" maxLength={12} value={room} onValue={setRoom} />
        </>
      )}
      <label for="fault-where" class="ask-label">
        {t.faultPlaceLabel}
      </label>
      <select id="fault-where" value={placeId} onChange={(e) => setPlaceId(e.currentTarget.value)}>
        {places.map((p) => (
          <option key={p.id} value={p.id}>
            {p.id === here ? `${p.name[state.lang]} · ${t.placeKiosk}` : p.name[state.lang]}
          </option>
        ))}
      </select>
      <div class="actions">
        <button type="submit" class="primary">
          {t.faultNext}
        </button>
      </div>
    </form>
  );
}

function CategoryStep({ here }: { here: string | null }) {
  const t = useText();
  const state = useKioskState();
  const { store, fault } = useServices();
  const [busy, setBusy] = useState(false);
  const f = state.fault;
  if (!f) return null;
  return (
    <div class="fault-category">
      <h2 id="fault-cat-title">{t.faultCategoryTitle}</h2>
      <p>{t.faultCategoryHint}</p>
      <div class="choices" role="group" aria-labelledby="fault-cat-title">
        {FAULT_CATEGORIES.map((c) => (
          <button
            type="button"
            key={c}
            class="choice"
            aria-pressed={f.category === c}
            data-category={c}
            onClick={() => store.dispatch({ type: 'fault.category', category: c })}
          >
            {t.faultCategories[c]}
          </button>
        ))}
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={busy || !f.category}
          onClick={() => {
            setBusy(true);
            void fault.submit(here).finally(() => setBusy(false));
          }}
        >
          {t.faultSubmit}
        </button>
      </div>
    </div>
  );
}

function StatusStep() {
  const t = useText();
  const state = useKioskState();
  const f = state.fault;
  if (!f?.ticketId) return null;
  const ticket = f.ticket;
  return (
    <div class="fault-status">
      <div role="status" data-ticket-status={ticket?.status ?? 'queued'}>
        <p class="handoff-main">
          {ticket
            ? t.faultTicketStatus[ticket.status]
            : state.connection === 'online'
              ? t.faultSent
              : t.faultQueued}
        </p>
        {ticket?.assignee && <p>{t.faultAssignee(ticket.assignee.name)}</p>}
        {/* Told, not shown: the photo route is for staff (a repair photo may show the guest's room). */}
        {(ticket?.repairPhotoIds.length ?? 0) > 0 && <p data-repair-photo>{t.faultRepairPhoto}</p>}
      </div>
      <p>{t.faultNextSteps}</p>
      <ContinueOnPhone ticketId={f.ticketId} />
    </div>
  );
}

/** The fault report: photo → on-device reading → self-fix → description → place → category → ticket. */
export function FaultScreen() {
  const state = useKioskState();
  const t = useText();
  const { store, fault, kioskPlace } = useServices();
  const f = state.fault;
  if (!f) return null;
  const here = resolveKioskPlace(state.kb, kioskPlace, state.registeredPlace);
  const code = knownFaultCode(state.kb, f.faultCode);

  return (
    <section class="fault" aria-labelledby="fault-title" data-step={f.step}>
      <h1 id="fault-title">{t.faultTitle}</h1>
      {f.step === 'photo' && <PhotoStep />}
      {f.step === 'reading' && (
        <p role="status" class="handoff-main">
          {t.faultReading}
        </p>
      )}
      {f.step === 'self_fix' && code && (
        <div class="fault-selffix">
          <h2>{t.faultSelfFixTitle(`${code.code} ${code.title[state.lang]}`)}</h2>
          <ol>
            {code.selfFix[state.lang].map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
          <p>{t.faultDidItWork}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => store.dispatch({ type: 'fault.self_fix', fixed: true })}
            >
              {t.faultFixedYes}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => store.dispatch({ type: 'fault.self_fix', fixed: false })}
            >
              {t.faultFixedNo}
            </button>
          </div>
        </div>
      )}
      {f.step === 'fixed' && (
        <p role="status" class="handoff-main">
          {t.faultFixed}
        </p>
      )}
      {f.step === 'describe' && <DescribeStep />}
      {f.step === 'place' && <PlaceStep here={here} />}
      {f.step === 'category' && <CategoryStep here={here} />}
      {f.step === 'status' && <StatusStep />}
      <div class="actions">
        {(f.step === 'describe' || f.step === 'place' || f.step === 'category' || f.step === 'self_fix') && (
          <button type="button" class="secondary" onClick={() => store.dispatch({ type: 'fault.back' })}>
            {t.back}
          </button>
        )}
        <button type="button" class="secondary" onClick={() => void fault.close()}>
          {f.step === 'status' || f.step === 'fixed' ? t.endSession : t.faultCancel}
        </button>
      </div>
    </section>
  );
}
