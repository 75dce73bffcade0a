import type { Client } from 'aedes';

/**
 * Lets every QoS 1 delivery to this client through, in whatever order it arrives.
 *
 * aedes drops a delivery whose broker counter is not higher than the last one it delivered to the
 * client (`dedupe` in aedes/lib/client.js), to stop one packet reaching a client twice through two
 * overlapping subscriptions. But before each QoS 1 delivery aedes stores the packet for the client's
 * session (`enqueueOffline`), and with an asynchronous store (LevelDB) those writes finish out of order:
 * a packet with a lower counter reaches the client after a higher one and is silently dropped from the
 * live session. It stays in the store and arrives only when the client reconnects, so a kiosk's
 * acknowledged escalation waited for the server's next reconnect, and a staff member's retained
 * `online` was lost and the member stayed offline (the escalation bench's "49/50 staff came online").
 * Reported upstream as moscajs/aedes#955 and #994 (still open for aedes 1.2.0); reproduced here with
 * aedes-persistence-level and an asynchronous subscriber (2–15 of 1,000 missing).
 *
 * The check protects nothing here: the ACL allows other principals only concrete topic filters, so
 * their subscriptions cannot overlap, and the server's four wildcards (`…/+/up`, `…/+/status`) are
 * disjoint. What remains is QoS 1's own at-least-once (a redelivery after a reconnect), which every
 * consumer already handles: the server by its inbox of processed message ids, devices and consoles by
 * the ids in each message.
 */
export function deliverInAnyOrder(client: Client): void {
  // aedes reads `client.duplicates[brokerId]` and records the highest counter into it on every
  // delivery; a map that never records one lets every packet through.
  const neverRecords = new Proxy<Record<string, number>>(Object.create(null) as Record<string, number>, {
    set: () => true,
  });
  Object.defineProperty(client, 'duplicates', { value: neverRecords, writable: false, configurable: true });
}
