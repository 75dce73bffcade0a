import type { AclDecision, Principal } from './acl.js';
import { parseTopic, topics } from './topics.js';

/**
 * The last-will rule (docs/protocol.md, "Connecting"): a will may only say that its own principal went
 * offline. The broker publishes a will on behalf of a client that is gone — after a restart with no
 * client at all — so a will anywhere else would be a message from nobody that the server acts on.
 */
export interface WillMessage {
  topic: string;
  payload: Uint8Array | string;
}

/** The one payload a will may carry, as the kiosk and the console send it. */
export const WILL_PAYLOAD = '{"v":1,"state":"offline"}';

const allow: AclDecision = { allow: true };
const deny = (reason: string): AclDecision => ({ allow: false, reason });

let utf8: TextDecoder | undefined;

function isOfflineStatus(payload: Uint8Array | string): boolean {
  // Bounded before decoding: the only valid payload is 25 bytes.
  if (payload.length > 256) return false;
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    const text = typeof payload === 'string' ? payload : utf8.decode(payload);
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value).sort();
    const v = value as { v?: unknown; state?: unknown };
    return keys.join(',') === 'state,v' && v.v === 1 && v.state === 'offline';
  } catch {
    return false;
  }
}

/** At CONNECT, with the authenticated principal known. */
export function canSetWill(p: Principal, will: WillMessage): AclDecision {
  if (p.kind === 'server') return allow;
  if (will.topic !== topics.of(p.kind, p.id, 'status'))
    return deny(`a will may only be sent to your own status topic ${topics.of(p.kind, p.id, 'status')}`);
  if (!isOfflineStatus(will.payload)) return deny(`a will must carry ${WILL_PAYLOAD}`);
  return allow;
}

/**
 * A stored will the broker is about to publish for a client that is no longer connected (after a
 * restart, nobody is): the client id it was stored under is all that says whose it is. Client ids are
 * `<id>` or `<id>.<suffix>` and ids have no dot, so the owner is the part before the first dot. This
 * also refuses wills stored before the rule was enforced at CONNECT.
 */
export function canReplayWill(clientId: string, will: WillMessage): AclDecision {
  const owner = clientId.split('.')[0] ?? '';
  const t = parseTopic(will.topic);
  if (!t || t.kind === 'site' || t.channel !== 'status' || t.id !== owner)
    return deny(`a will stored by client ${clientId} may only go to its own status topic`);
  if (!isOfflineStatus(will.payload)) return deny(`a will must carry ${WILL_PAYLOAD}`);
  return allow;
}
