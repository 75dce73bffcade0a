/**
 * Random ids for envelopes, conversations and escalations. `crypto.getRandomValues` works in
 * insecure contexts too (a kiosk on plain http on the building network), unlike `randomUUID`.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
