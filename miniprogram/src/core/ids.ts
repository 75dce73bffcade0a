/** Random ids for envelopes, conversations and escalations: 12 random bytes, hex. */
export function newId(random: (bytes: Uint8Array) => Uint8Array): string {
  return Array.from(random(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An entity id the server accepts (`[A-Za-z0-9_-]{1,64}`), e.g. `esc-3f…`. */
export function entityId(prefix: string, id: string): string {
  return `${prefix}-${id}`.slice(0, 64);
}
