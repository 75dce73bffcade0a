import { extractFaultCodes } from '@frontdesk/models';
import type { DeviceUpBody, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { OutboxSender } from '../../sync/sender.js';
import type { PhotoStore } from '../../sync/photos.js';
import type { PhotoReader } from '../../vision/photo-reader.js';
import { isAbort } from '../../workers/abort.js';
import type { FaultEvent, FaultSlice } from './state.js';

export interface FaultControllerDeps {
  sender: Pick<OutboxSender, 'enqueue'>;
  photos: Pick<PhotoStore, 'put' | 'delete'>;
  /** Reads the photo on the device; null where no OCR is installed (the guest types the code). */
  photoReader: PhotoReader | null;
  dispatch(event: FaultEvent): void;
  /** The report's slice and what the ticket carries from the conversation. */
  getState(): {
    fault: FaultSlice | null;
    kb: KnowledgeBase | null;
    lang: Lang;
    conversationId: string | null;
  };
  now(): number;
  newId(): string;
}

/** Room numbers the protocol accepts (`ticket.create.room`). */
const ROOM = /^[A-Za-z0-9-]{1,12}$/;

/**
 * What the fault report's buttons do: keep the photo on the device, read it there, and raise the
 * ticket through the outbox with the photo attached (uploaded first, see `OutboxSender`).
 */
export class FaultController {
  private reading: AbortController | null = null;

  constructor(private readonly deps: FaultControllerDeps) {}

  open(): void {
    this.deps.dispatch({ type: 'fault.open' });
  }

  /** The guest took a photo: it is kept in IndexedDB at once, then read on the device if possible. */
  async photoTaken(photo: Blob): Promise<void> {
    const previous = this.deps.getState().fault?.photoKey;
    if (previous) await this.deps.photos.delete(previous);
    const key = `photo-${this.deps.newId()}`;
    await this.deps.photos.put(key, photo, this.deps.now());
    const reader = this.deps.photoReader;
    this.deps.dispatch({ type: 'fault.photo', photoKey: key, reading: reader !== null });
    if (!reader) return;
    this.reading?.abort();
    const abort = new AbortController();
    this.reading = abort;
    try {
      const reading = await reader.read(photo, { signal: abort.signal });
      const codes = (this.deps.getState().kb?.faultCodes ?? []).map((c) => c.code);
      const [code] = extractFaultCodes(reading.text, codes);
      this.deps.dispatch({
        type: 'fault.read',
        ocrText: reading.text.slice(0, 2000) || null,
        faultCode: code ?? null,
        failed: false,
      });
    } catch (error) {
      // Cancellation is not failure: the guest moved on (retook the photo, left the screen).
      if (isAbort(error)) return;
      this.deps.dispatch({ type: 'fault.read', ocrText: null, faultCode: null, failed: true });
    } finally {
      if (this.reading === abort) this.reading = null;
    }
  }

  skipPhoto(): void {
    this.deps.dispatch({ type: 'fault.photo', photoKey: null, reading: false });
  }

  /** Raises the ticket: written to the outbox with its photo, delivered when the link allows. */
  async submit(place: string | null): Promise<string | null> {
    const state = this.deps.getState();
    const f = state.fault;
    if (!f || f.step !== 'category' || !f.category || !f.description) return null;
    const ticketId = `tk-${this.deps.newId()}`.slice(0, 64);
    const room = ROOM.test(f.room) ? f.room : null;
    // A "room" the protocol cannot carry (a name, a sentence) still reaches staff, in the description.
    const description = (f.room && !room ? `${f.description} (${f.room})` : f.description).slice(0, 2000);
    const body: DeviceUpBody<'ticket.create'> = {
      ticketId,
      category: f.category,
      description,
      lang: state.lang,
      photoIds: [],
      ...((f.placeId ?? place) ? { place: (f.placeId ?? place) as string } : {}),
      ...(room ? { room } : {}),
      ...(f.ocrText ? { ocrText: f.ocrText } : {}),
      ...(f.faultCode ? { faultCode: f.faultCode.slice(0, 16) } : {}),
      ...(state.conversationId ? { conversationId: state.conversationId } : {}),
    };
    await this.deps.sender.enqueue('ticket.create', body, { photos: f.photoKey ? [f.photoKey] : [] });
    this.deps.dispatch({ type: 'fault.submitted', ticketId });
    return ticketId;
  }

  /** The guest left the report: a photo not attached to a ticket is deleted at once. */
  async close(): Promise<void> {
    this.reading?.abort();
    const f = this.deps.getState().fault;
    if (f?.photoKey && !f.ticketId) await this.deps.photos.delete(f.photoKey);
    this.deps.dispatch({ type: 'fault.close' });
  }
}
