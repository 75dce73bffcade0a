import { TOPIC_PREFIX, parseTopic, type PrincipalKind } from './topics.js';

/**
 * Who may publish and subscribe to what: one pure function used by the embedded broker and, as a
 * generated ACL file, by an external Mosquitto. Least privilege: a device touches only its own
 * topics and the retained knowledge base of its site.
 */
export type Principal =
  | { kind: 'server' }
  | { kind: 'device'; id: string; site: string }
  | { kind: 'staff'; id: string; site: string; role: 'staff' | 'supervisor' | 'admin' };

export type AclDecision = { allow: true } | { allow: false; reason: string };

const allow: AclDecision = { allow: true };
const deny = (reason: string): AclDecision => ({ allow: false, reason });

function principalKind(p: Principal): PrincipalKind | 'server' {
  return p.kind;
}

export function canPublish(p: Principal, topic: string): AclDecision {
  if (p.kind === 'server') return allow;
  const t = parseTopic(topic);
  if (!t) return deny(`"${topic}" is not a topic of ${TOPIC_PREFIX}`);
  if (t.kind === principalKind(p) && t.id === p.id && (t.channel === 'up' || t.channel === 'status'))
    return allow;
  return deny(`${p.kind} ${p.id} may publish only to its own up and status topics`);
}

export function canSubscribe(p: Principal, filter: string): AclDecision {
  if (p.kind === 'server') return allow;
  // Wildcards would let one principal read another's topics; every allowed filter is concrete.
  if (filter.includes('+') || filter.includes('#')) return deny('wildcard subscriptions are not allowed');
  const t = parseTopic(filter);
  if (!t) return deny(`"${filter}" is not a topic of ${TOPIC_PREFIX}`);
  if (t.kind === 'site') {
    if (t.id !== p.site) return deny(`${p.kind} ${p.id} belongs to site ${p.site}`);
    if (t.channel === 'kb') return allow;
    if (p.kind === 'staff' && p.role !== 'staff') return allow;
    return deny('the live queue is for supervisors and administrators');
  }
  if (t.kind === principalKind(p) && t.id === p.id && (t.channel === 'down' || t.channel === 'error'))
    return allow;
  return deny(`${p.kind} ${p.id} may read only its own down and error topics`);
}
