import { checkResidentId, extractIdFields } from '@frontdesk/models/ocr';
import type { DocumentKind, IdentityDraft } from './state.js';

/** The check character state of what is in the number field, for the guest to see as they type. */
export function residentIdChecksum(
  document: DocumentKind,
  number: string,
  today: Date,
): IdentityDraft['checksum'] {
  if (document !== 'resident_id') return null;
  const n = number.trim().toUpperCase();
  if (n.length < 18) return null;
  return checkResidentId(n, today).ok ? 'valid' : 'invalid';
}

/**
 * Prefills the identity step from what the photo of the document read: the name, and a resident ID
 * (valid, or the first one that failed its check, shown as invalid) or a passport number. Null when
 * nothing useful was read.
 */
export function identityFromText(text: string, today: Date): Partial<Omit<IdentityDraft, 'read'>> | null {
  const f = extractIdFields(text, today);
  const out: Partial<Omit<IdentityDraft, 'read'>> = {};
  if (f.name) out.name = f.name;
  if (f.residentId) {
    out.document = 'resident_id';
    out.number = f.residentId.number;
    out.checksum = 'valid';
  } else if (f.rejectedResidentIds?.[0]) {
    out.document = 'resident_id';
    out.number = f.rejectedResidentIds[0].number;
    out.checksum = 'invalid';
  } else if (f.passportNumber) {
    out.document = 'passport';
    out.number = f.passportNumber;
    out.checksum = null;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** What may be sent: a name and a number of the shape the server accepts (and a valid resident ID). */
export function identityComplete(d: IdentityDraft): boolean {
  const shaped = /^[A-Za-z0-9]{5,20}$/.test(d.number.trim()) && d.name.trim().length > 0;
  return shaped && (d.document !== 'resident_id' || d.checksum === 'valid');
}
