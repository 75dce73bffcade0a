import type { PhotoReader } from '../../vision/photo-reader.js';
import { identityComplete, identityFromText, residentIdChecksum } from './identity.js';
import { FINAL_ATTEMPTS, LOOKUP_ATTEMPTS, failureOf, type JourneyDeps } from '../journey/journey.js';
import type { CheckinEvent, CheckinMode, CheckinState, IdentityDraft } from './state.js';

export type CheckinDeps = JourneyDeps<{ checkin: CheckinState | null }, CheckinEvent>;

/**
 * The hotel journey's I/O: lookups and check-in / check-out with the server (request / reply, never
 * the outbox), reading the ID photo on the device. A reply that comes back after the guest has left
 * (another conversation) is dropped.
 */
export class CheckinController {
  constructor(private readonly deps: CheckinDeps & { photoReader: PhotoReader | null }) {}

  get canReadPhotos(): boolean {
    return this.deps.photoReader !== null;
  }

  start(mode: CheckinMode): void {
    this.emit({ type: 'checkin.start', mode });
  }

  emit(event: CheckinEvent): void {
    this.deps.dispatch(event);
  }

  findByReference(surname: string, reference: string): Promise<void> {
    return this.find({
      method: 'reference',
      surname: surname.trim(),
      reference: reference.trim().toUpperCase(),
    });
  }

  findByPhone(surname: string, phoneDigits: string): Promise<void> {
    return this.find({
      method: 'phone',
      surname: surname.trim(),
      phoneDigits: phoneDigits.replace(/\D/g, ''),
    });
  }

  findByQr(payload: string): Promise<void> {
    return this.find({ method: 'qr', payload });
  }

  /** Reads the photo of the ID on the device and prefills the fields. The photo is not kept. */
  async readIdPhoto(photo: Blob, signal?: AbortSignal): Promise<void> {
    const reader = this.deps.photoReader;
    if (!reader) return;
    const session = this.session();
    this.emit({ type: 'checkin.identity_reading' });
    let text = '';
    try {
      text = (await reader.read(photo, signal ? { signal } : {})).text;
    } catch {
      text = '';
    }
    if (!this.same(session)) return;
    this.emit({ type: 'checkin.identity_read', fields: identityFromText(text, new Date(this.deps.now())) });
  }

  editIdentity(patch: Partial<Pick<IdentityDraft, 'name' | 'document' | 'number'>>): void {
    const current = this.deps.getState().checkin?.identity;
    if (!current) return;
    const next = { ...current, ...patch };
    this.emit({
      type: 'checkin.identity_edit',
      patch: {
        ...patch,
        checksum: residentIdChecksum(next.document, next.number, new Date(this.deps.now())),
      },
    });
  }

  async confirmIdentity(): Promise<void> {
    const c = this.deps.getState().checkin;
    if (!c?.booking || c.step !== 'identity' || !identityComplete(c.identity)) return;
    const session = this.session();
    this.emit({ type: 'checkin.issuing' });
    try {
      const r = await this.deps.requests.request(
        'checkin.complete',
        {
          bookingId: c.booking.id,
          guest: {
            name: c.identity.name.trim(),
            document: c.identity.document,
            number: c.identity.number.trim().toUpperCase(),
          },
        },
        { attempts: FINAL_ATTEMPTS },
      );
      if (this.same(session))
        this.emit({ type: 'checkin.issued', room: r.room, key: r.key, problem: r.problem?.code ?? null });
    } catch (error) {
      if (this.same(session)) this.emit({ type: 'checkin.failed', failure: failureOf(error) });
    }
  }

  async confirmCheckout(): Promise<void> {
    const c = this.deps.getState().checkin;
    if (!c?.booking || c.mode !== 'checkout' || c.step !== 'booking') return;
    const session = this.session();
    this.emit({ type: 'checkin.settling' });
    try {
      const r = await this.deps.requests.request(
        'checkout.complete',
        { bookingId: c.booking.id, keyReturned: true },
        { attempts: FINAL_ATTEMPTS },
      );
      if (this.same(session))
        this.emit({
          type: 'checkin.settled',
          totalCents: r.totalCents,
          currency: r.currency,
          problem: r.problem?.code ?? null,
        });
    } catch (error) {
      if (this.same(session)) this.emit({ type: 'checkin.failed', failure: failureOf(error) });
    }
  }

  /** Anything that failed: a person at the desk takes over. */
  handOver(): Promise<void> {
    const mode = this.deps.getState().checkin?.mode ?? 'checkin';
    return this.deps.requestPerson('flow_failure', mode === 'checkin' ? 'hotel.checkin' : 'hotel.checkout');
  }

  private async find(
    by:
      | { method: 'reference'; surname: string; reference: string }
      | { method: 'phone'; surname: string; phoneDigits: string }
      | { method: 'qr'; payload: string },
  ): Promise<void> {
    const c = this.deps.getState().checkin;
    if (!c || c.step === 'looking') return;
    const session = this.session();
    this.emit({ type: 'checkin.looking' });
    try {
      const r = await this.deps.requests.request(
        'booking.find',
        // The conversation lets the server attach the guest it finds (a VIP's requests go first).
        { purpose: c.mode, by, ...(session ? { conversationId: session } : {}) },
        { attempts: LOOKUP_ATTEMPTS },
      );
      if (this.same(session))
        this.emit({ type: 'checkin.found', booking: r.booking, problem: r.problem?.code ?? null });
    } catch (error) {
      if (this.same(session)) this.emit({ type: 'checkin.failed', failure: failureOf(error) });
    }
  }

  private session(): string | null {
    return this.deps.getState().conversationId;
  }

  private same(session: string | null): boolean {
    const s = this.deps.getState();
    return s.conversationId === session && s.checkin !== null;
  }
}
