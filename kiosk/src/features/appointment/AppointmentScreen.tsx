import { useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { QrScanner } from '../../camera/QrScanner.js';
import { JourneyFailed } from '../checkin/JourneyFailed.js';
import type { AppointmentMethod, AppointmentState } from './state.js';

function FindAppointment({ a }: { a: AppointmentState }) {
  const t = useText();
  const { appointment } = useServices();
  const [number, setNumber] = useState('');
  const methods: Array<[AppointmentMethod, string]> = [
    ['qr', t.byAppointmentQr],
    ['resident_id', t.byResidentId],
  ];
  return (
    <>
      <div class="method-tabs" role="group" aria-label={t.findAppointmentBy}>
        {methods.map(([m, label]) => (
          <button
            type="button"
            key={m}
            aria-pressed={a.method === m}
            class={a.method === m ? 'primary' : 'secondary'}
            onClick={() => appointment.emit({ kind: 'method', method: m })}
          >
            {label}
          </button>
        ))}
      </div>
      {a.method === 'qr' ? (
        <div class="scan">
          <p>{t.scanAppointmentQr}</p>
          <QrScanner label={t.qrPreviewLabel} onCode={(text) => void appointment.findByQr(text)} />
        </div>
      ) : (
        <form
          class="journey-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (number.trim()) void appointment.findByResidentId(number);
          }}
        >
          <label for="appointment-id">{t.residentIdLabel}</label>
          <input
            id="appointment-id"
            type="text"
            autocomplete="off"
            maxLength={18}
            value={number}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {t.findAppointment}
          </button>
        </form>
      )}
    </>
  );
}

/** Hospital appointment check-in: find it (QR or ID), confirm, the queue number and the way there. */
export function AppointmentScreen() {
  const state = useKioskState();
  const t = useText();
  const { appointment, controller } = useServices();
  const a = state.appointment;
  if (!a) return null;
  return (
    <section class="journey" aria-labelledby="appointment-title" data-step={a.step}>
      <h1 id="appointment-title">{t.appointmentTitle}</h1>
      {a.step === 'find' && <FindAppointment a={a} />}
      {(a.step === 'looking' || a.step === 'checking_in') && (
        <p role="status" class="working">
          {a.step === 'looking' ? t.looking : t.checkingIn}
        </p>
      )}
      {a.step === 'confirm' && (
        <div class="result-card">
          <h2>{t.appointmentConfirm}</h2>
          <div class="choices" role="radiogroup" aria-label={t.appointmentConfirm}>
            {a.appointments.map((x) => (
              <button
                type="button"
                role="radio"
                key={x.id}
                aria-checked={a.selectedId === x.id}
                class={a.selectedId === x.id ? 'choice selected' : 'choice'}
                onClick={() => appointment.emit({ kind: 'select', appointmentId: x.id })}
              >
                {t.appointmentLine(x.patientName, t.departments[x.department], x.doctor[state.lang], x.slot)}
              </button>
            ))}
          </div>
          <button type="button" class="primary" onClick={() => void appointment.confirm()}>
            {t.confirmCheckinAppointment}
          </button>
        </div>
      )}
      {a.step === 'done' && a.result && (
        <div class="result-card" data-queue={a.result.queueLabel}>
          <p class="big-answer">{t.queueNumberIs(a.result.queueLabel)}</p>
          <p>{t.queueDepartment(t.departments[a.result.department])}</p>
          {a.result.place && (
            <button
              type="button"
              class="primary"
              onClick={() => a.result?.place && appointment.showTheWay(a.result.place)}
            >
              {t.showTheWay}
            </button>
          )}
        </div>
      )}
      {a.step === 'failed' && a.failure && (
        <JourneyFailed
          failure={a.failure}
          onDesk={() => void appointment.handOver()}
          onRetry={() => appointment.emit({ kind: 'start' })}
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
