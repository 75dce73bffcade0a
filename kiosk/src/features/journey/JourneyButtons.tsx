import type { FlowId } from '@frontdesk/models';
import { useKioskState, useServices, useText } from '../../app/context.js';

/**
 * Direct entries to the journeys of this site (from the knowledge base's `kind`): check-in and
 * check-out in a hotel, appointment check-in and symptoms in a hospital, and everywhere the way to a
 * place and a fault report. They start the same flow the dialogue would.
 */
export function JourneyButtons({ wakeFirst = false }: { wakeFirst?: boolean }) {
  const state = useKioskState();
  const t = useText();
  const { controller, store } = useServices();
  const kind = state.kb?.kind;
  if (!kind) return null;
  const entries: Array<[FlowId, string]> =
    kind === 'hotel'
      ? [
          ['checkin', t.journeyCheckin],
          ['checkout', t.journeyCheckout],
        ]
      : [
          ['appointment_checkin', t.journeyAppointment],
          ['triage', t.journeySymptoms],
        ];
  entries.push(['wayfinding', t.journeyWayfinding], ['fault_report', t.journeyFault]);
  return (
    <div class="journeys" role="group" aria-label={t.journeysLabel}>
      {entries.map(([flow, label]) => (
        <button
          type="button"
          class="journey-button"
          key={flow}
          onClick={(e) => {
            e.stopPropagation();
            if (wakeFirst) controller.wake();
            store.dispatch({ type: 'flow', flow, slots: {}, department: null });
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
