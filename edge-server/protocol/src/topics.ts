/**
 * The MQTT topic tree. Every topic starts with `fd/v1/`; the version in the path lets a future
 * protocol run beside this one on the same broker.
 *
 *   fd/v1/device/{deviceId}/up      device → server   QoS 1   requests (envelopes)
 *   fd/v1/device/{deviceId}/down    server → device   QoS 1   acks, updates, chat
 *   fd/v1/device/{deviceId}/error   server → device   QoS 1   rejections with a reason
 *   fd/v1/device/{deviceId}/status  device (+ will)   QoS 1   retained online/offline
 *   fd/v1/staff/{staffId}/up        console → server  QoS 1
 *   fd/v1/staff/{staffId}/down      server → console  QoS 1
 *   fd/v1/staff/{staffId}/error     server → console  QoS 1
 *   fd/v1/staff/{staffId}/status    console (+ will)  QoS 1   retained online/offline
 *   fd/v1/site/{siteId}/kb          server → all      QoS 1   retained knowledge base of the site
 *   fd/v1/site/{siteId}/queue       server → sup.     QoS 1   retained live queue (supervisors, admins)
 */
export const TOPIC_PREFIX = 'fd/v1';

/** IDs that appear in topics: no MQTT wildcards or separators, bounded length. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type PrincipalKind = 'device' | 'staff';
export type Channel = 'up' | 'down' | 'error' | 'status';

export const topics = {
  device: (deviceId: string, channel: Channel) => `${TOPIC_PREFIX}/device/${deviceId}/${channel}`,
  staff: (staffId: string, channel: Channel) => `${TOPIC_PREFIX}/staff/${staffId}/${channel}`,
  of: (kind: PrincipalKind, id: string, channel: Channel) => `${TOPIC_PREFIX}/${kind}/${id}/${channel}`,
  siteKb: (siteId: string) => `${TOPIC_PREFIX}/site/${siteId}/kb`,
  siteQueue: (siteId: string) => `${TOPIC_PREFIX}/site/${siteId}/queue`,
  /** What the server subscribes to. */
  serverSubscriptions: [
    `${TOPIC_PREFIX}/device/+/up`,
    `${TOPIC_PREFIX}/staff/+/up`,
    `${TOPIC_PREFIX}/device/+/status`,
    `${TOPIC_PREFIX}/staff/+/status`,
  ],
} as const;

export type ParsedTopic =
  | { kind: PrincipalKind; id: string; channel: Channel }
  | { kind: 'site'; id: string; channel: 'kb' | 'queue' };

const CHANNELS = new Set<string>(['up', 'down', 'error', 'status']);

/** Parses a concrete topic (no wildcards); null when it is not part of the tree. */
export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== TOPIC_PREFIX) return null;
  const [, , kind, id, channel] = parts as [string, string, string, string, string];
  if (!ID_PATTERN.test(id)) return null;
  if ((kind === 'device' || kind === 'staff') && CHANNELS.has(channel)) {
    return { kind, id, channel: channel as Channel };
  }
  if (kind === 'site' && (channel === 'kb' || channel === 'queue')) return { kind, id, channel };
  return null;
}
