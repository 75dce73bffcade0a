import { useRef, useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { CameraPreview } from '../../camera/CameraPreview.js';
import { capturePhoto } from '../../camera/camera.js';
import { knowledgeFromKb } from '@frontdesk/models';
import { identityComplete } from './identity.js';
import { FindBy } from '../journey/FindBy.js';
import { JourneyFailed } from '../journey/JourneyFailed.js';
import type { CheckinState, DocumentKind, FindMethod } from './state.js';
import { TextInput } from '../../app/TextInput.js';

function FindBooking({ c }: { c: CheckinState }) {
  const t = useText();
  const { checkin } = useServices();
  const [surname, setSurname] = useState('');
  const [code, setCode] = useState('');
  const methods: Array<[FindMethod, string]> = [
    ['reference', t.findByReference],
    ['phone', t.findByPhone],
    ['qr', t.findByQr],
  ];
  const submit = (e: Event) => {
    e.preventDefault();
    if (!surname.trim() || !code.trim()) return;
    void (c.method === 'phone' ? checkin.findByPhone(surname, code) : checkin.findByReference(surname, code));
  };
  return (
    <FindBy
      label={t.findBy}
      methods={methods}
      current={c.method}
      onMethod={(method) => checkin.emit({ type: 'checkin.method', method })}
      qrPrompt={t.scanBookingQr}
      onQrCode={(text) => void checkin.findByQr(text)}
    >
      <form class="journey-form" onSubmit={submit}>
        <label for="checkin-surname">{t.surname}</label>
        <TextInput id="checkin-surname" maxLength={40} value={surname} onValue={setSurname} />
        <label for="checkin-code">{c.method === 'phone' ? t.phoneDigits : t.bookingReference}</label>
        <TextInput
          id="checkin-code"
          inputMode={c.method === 'phone' ? 'numeric' : 'text'}
          maxLength={20}
          value={code}
          onValue={setCode}
        />
        <button type="submit" class="primary">
          {t.find}
        </button>
      </form>
    </FindBy>
  );
}

function BookingSummary({ c }: { c: CheckinState }) {
  const t = useText();
  const state = useKioskState();
  const { checkin } = useServices();
  const b = c.booking;
  if (!b) return null;
  return (
    <div class="result-card">
      <h2>{t.bookingFound}</h2>
      <p>{t.bookingGuest(b.guestName)}</p>
      <p>{b.roomType[state.lang]}</p>
      <p>{t.bookingStay(b.arrival, b.departure, b.nights)}</p>
      {c.mode === 'checkout' && b.bill && (
        <>
          <h2>{t.billTitle}</h2>
          <ul class="bill">
            {b.bill.lines.map((l, i) => (
              <li key={i}>
                <span>{l.label[state.lang]}</span> <span>{t.money(l.amountCents)}</span>
              </li>
            ))}
          </ul>
          <p class="bill-total">{t.billTotal(t.money(b.bill.totalCents))}</p>
          <p>{t.keyReturnNote}</p>
          <button type="button" class="primary" onClick={() => void checkin.confirmCheckout()}>
            {t.confirmCheckout}
          </button>
        </>
      )}
      {c.mode === 'checkin' && (
        <button type="button" class="primary" onClick={() => checkin.emit({ type: 'checkin.continue' })}>
          {t.continueLabel}
        </button>
      )}
    </div>
  );
}

function IdentityStep({ c }: { c: CheckinState }) {
  const t = useText();
  const { checkin } = useServices();
  const video = useRef<HTMLVideoElement | null>(null);
  const id = c.identity;
  const takePhoto = async () => {
    if (!video.current) return;
    // The photo lives only in this function: read on the device, then dropped.
    const photo = await capturePhoto(video.current);
    await checkin.readIdPhoto(photo);
  };
  return (
    <div class="identity">
      <h2>{t.identityTitle}</h2>
      {checkin.canReadPhotos && id.read !== 'read' ? (
        <>
          <p>{t.identityHint}</p>
          <CameraPreview label={t.idPreviewLabel} onVideo={(v) => (video.current = v)} />
          <button
            type="button"
            class="primary"
            disabled={id.read === 'reading'}
            onClick={() => void takePhoto()}
          >
            {t.takeIdPhoto}
          </button>
        </>
      ) : (
        <p>{t.identityTypeHint}</p>
      )}
      <p role="status">
        {id.read === 'reading'
          ? t.readingId
          : id.read === 'unreadable'
            ? t.idUnreadable
            : id.read === 'read'
              ? t.idRead
              : ''}
      </p>
      <IdentityForm id={id} />
    </div>
  );
}

/** The identity as read (or typed): name, document and number with its checksum, then confirm. */
function IdentityForm({ id }: { id: CheckinState['identity'] }) {
  const t = useText();
  const { checkin } = useServices();
  const docs: Array<[DocumentKind, string]> = [
    ['resident_id', t.docResidentId],
    ['passport', t.docPassport],
    ['other', t.docOther],
  ];
  return (
    <form
      class="journey-form"
      onSubmit={(e) => {
        e.preventDefault();
        void checkin.confirmIdentity();
      }}
    >
      <label for="id-name">{t.idName}</label>
      <TextInput
        id="id-name"
        maxLength={60}
        value={id.name}
        onValue={(value) => checkin.editIdentity({ name: value })}
      />
      <label for="id-document">{t.idDocument}</label>
      <select
        id="id-document"
        value={id.document}
        onChange={(e) => checkin.editIdentity({ document: e.currentTarget.value as DocumentKind })}
      >
        {docs.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label for="id-number">{t.idNumber}</label>
      <TextInput
        id="id-number"
        maxLength={20}
        value={id.number}
        aria-describedby="id-checksum"
        onValue={(value) => checkin.editIdentity({ number: value })}
      />
      <p id="id-checksum" class={`checksum checksum-${id.checksum ?? 'none'}`} aria-live="polite">
        {id.checksum === 'valid' ? t.checksumValid : id.checksum === 'invalid' ? t.checksumInvalid : ''}
      </p>
      <button type="submit" class="primary" disabled={!identityComplete(id)}>
        {t.confirmIdentity}
      </button>
    </form>
  );
}

function CheckinDone({ c }: { c: CheckinState }) {
  const t = useText();
  const state = useKioskState();
  if (!c.room) return null;
  const knowledge = state.kb ? knowledgeFromKb(state.kb) : null;
  const wifi = knowledge?.answer('wifi', state.lang) ?? null;
  const breakfast = knowledge?.answer('hotel.breakfast', state.lang) ?? null;
  return (
    <div class="result-card" data-room={c.room.number}>
      <h2>{t.checkinDone}</h2>
      <p class="big-answer">{t.roomIs(c.room.number, c.room.floor)}</p>
      <p role={c.key ? 'status' : 'alert'}>{c.key ? t.keyIssued : t.keyProblem}</p>
      {wifi && (
        <>
          <h2>{t.wifiTitle}</h2>
          <p>{wifi}</p>
        </>
      )}
      {breakfast && (
        <>
          <h2>{t.breakfastTitle}</h2>
          <p>{breakfast}</p>
        </>
      )}
    </div>
  );
}

/** Hotel check-in and check-out: find the booking, confirm the ID, the room and key; or the bill. */
export function CheckinScreen() {
  const state = useKioskState();
  const t = useText();
  const { checkin, controller } = useServices();
  const c = state.checkin;
  if (!c) return null;
  return (
    <section class="journey" aria-labelledby="checkin-title" data-step={c.step}>
      <h1 id="checkin-title">{c.mode === 'checkin' ? t.checkinTitle : t.checkoutTitle}</h1>
      {c.step === 'find' && <FindBooking c={c} />}
      {(c.step === 'looking' || c.step === 'issuing' || c.step === 'settling') && (
        <p role="status" class="working">
          {c.step === 'looking' ? t.looking : c.step === 'issuing' ? t.issuing : t.settling}
        </p>
      )}
      {c.step === 'booking' && <BookingSummary c={c} />}
      {c.step === 'identity' && <IdentityStep c={c} />}
      {c.step === 'done' && <CheckinDone c={c} />}
      {c.step === 'checked_out' && c.checkout && (
        <div class="result-card">
          <h2>{t.checkedOut}</h2>
          <p class="big-answer">{t.paidTotal(t.money(c.checkout.totalCents))}</p>
          <p>{t.keyReturnNote}</p>
        </div>
      )}
      {c.step === 'done' && c.keyProblem && (
        <button type="button" class="primary" onClick={() => void checkin.handOver()}>
          {t.callDesk}
        </button>
      )}
      {c.step === 'failed' && c.failure && (
        <JourneyFailed
          failure={c.failure}
          onDesk={() => void checkin.handOver()}
          onRetry={() => checkin.emit({ type: 'checkin.restart' })}
        />
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => controller.finish()}>
          {t.endSession}
        </button>
      </div>
    </section>
  );
}
