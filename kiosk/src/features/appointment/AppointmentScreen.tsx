import { useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { FindBy } from '../journey/FindBy.js';
import { JourneyFailed } from '../journey/JourneyFailed.js';
import type { AppointmentMethod, AppointmentState } from './state.js';
import { TextInput } from '../../app/TextInput.js';

function FindAppointment({ a }: { a: AppointmentState }) {
  const t = useText();
  const { appointment } = useServices();
  const [number, setNumber] = useState('');
  const methods: Array<[AppointmentMethod, string]> = [
    ['qr', t.byAppointmentQr],
    ['resident_id', t.byResidentId],
  ];
  return (
    <FindBy
      label={t.findAppointmentBy}
      methods={methods}
      current={a.method}
      onMethod={(method) => appointment.emit({ type: 'appointment.method', method })}
      qrPrompt={t.scanAppointmentQr}
      onQrCode={(text) => void appointment.findByQr(text)}
    >
      <form
        class="journey-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (number.trim()) void appointment.findByResidentId(number);
        }}
      >
        <label for="appointment-id">{t.residentIdLabel}</label>
        <TextInput id="appointment-id" maxLength={18} value={number} onValue={setNumber} />
        <button type="submit" class="primary">
          {t.findAppointment}
        </button>
      </form>
    </FindBy>
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
                onClick={() => appointment.emit({ type: 'appointment.select', appointmentId: x.id })}
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
          onRetry={() => appointment.emit({ type: 'appointment.start' })}
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
