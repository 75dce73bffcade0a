import { useState } from 'preact/hooks';
import type { TicketView } from '@frontdesk/protocol';
import { useServices, useText } from '../../app/context.js';
import { Photo } from '../item/Context.js';

/**
 * Photos of the repair on a ticket (fetched with the session, as the guest's), and a control to add
 * one: the camera on a handheld, a file elsewhere (`POST /api/tickets/:id/photos`).
 */
export function RepairPhotos({ ticket }: { ticket: TicketView }) {
  const t = useText();
  const { controller } = useServices();
  const [state, setState] = useState<'idle' | 'adding' | 'added' | { failed: string }>('idle');
  const failures: Record<string, string> = t.repairPhotoFailed;
  const add = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setState('adding');
    const code = await controller.addRepairPhoto(ticket.id, file);
    setState(code === null ? 'added' : { failed: failures[code] ?? t.repairPhotoFailed.other });
  };
  const ids = ticket.repairPhotoIds;
  return (
    <section aria-labelledby="repair-photos-title" data-repair-photos={ids.length}>
      <h2 id="repair-photos-title">{t.repairPhotos}</h2>
      {ids.length > 0 && (
        <div class="photos">
          {ids.map((id, i) => (
            <Photo key={id} photoId={id} n={i + 1} />
          ))}
        </div>
      )}
      {ticket.status !== 'cancelled' && (
        <label class="repair-photo-add">
          {state === 'adding' ? t.repairPhotoAdding : t.repairPhotoAdd}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            disabled={state === 'adding'}
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
      )}
      {state === 'added' && <p role="status">{t.repairPhotoAdded}</p>}
      {typeof state === 'object' && (
        <p class="notice" role="alert">
          {state.failed}
        </p>
      )}
    </section>
  );
}
