import type { Logger } from 'pino';
import {
  ACL_DENIED_AUDIT_ACTIONS,
  MAX_UP_PAYLOAD_BYTES,
  type AuditAction,
  type ErrorCode,
  type PrincipalKind,
} from '@frontdesk/protocol';
import { maskText } from '../domain/privacy.js';
import type { BrokerEvents } from './embedded.js';

/** What the embedded broker's refusals are reported to (the front desk service and metrics). */
export interface RefusalSinks {
  audit(
    actor: string,
    action: AuditAction,
    subject: string,
    detail: Record<string, unknown>,
    site: string | null,
  ): Promise<void>;
  reject(kind: PrincipalKind, id: string, code: ErrorCode, reason: string, ref: null): Promise<void>;
  metrics: { aclDenied: number; authFailed: number };
  logger: Logger;
}

/** Enough of a refused payload to see what was attempted, masked like every audit detail. */
const PREVIEW_CHARS = 200;

function preview(payload: Buffer): string {
  return maskText(payload.toString('utf8').slice(0, PREVIEW_CHARS));
}

/**
 * Every refusal of the embedded broker is counted, logged and audited as `acl.denied_<action>`; a
 * principal that is known is also told why on its error topic.
 */
export function brokerRefusals(sinks: RefusalSinks): BrokerEvents {
  const { logger, metrics } = sinks;
  return {
    denied(principal, action, topic, reason, payload) {
      metrics.aclDenied++;
      if (principal.kind === 'server') return;
      const actor = `${principal.kind}:${principal.id}`;
      const content = payload ? { payload: preview(payload) } : {};
      logger.warn({ principal: actor, action, topic, reason, ...content }, 'ACL refused');
      void sinks.audit(
        actor,
        ACL_DENIED_AUDIT_ACTIONS[action],
        `topic:${topic}`,
        { reason, ...content },
        principal.site,
      );
      void sinks.reject(
        principal.kind,
        principal.id,
        'FORBIDDEN',
        `${action} to ${topic} refused: ${reason}`,
        null,
      );
    },
    tooLarge(principal, topic, bytes) {
      metrics.aclDenied++;
      if (principal.kind === 'server') return;
      const actor = `${principal.kind}:${principal.id}`;
      const reason = `a payload of ${bytes} bytes; the limit is ${MAX_UP_PAYLOAD_BYTES}`;
      logger.warn({ principal: actor, topic, bytes }, 'MQTT payload too large');
      void sinks.audit(
        actor,
        ACL_DENIED_AUDIT_ACTIONS.publish,
        `topic:${topic}`,
        { reason, bytes },
        principal.site,
      );
      void sinks.reject(principal.kind, principal.id, 'PAYLOAD_TOO_LARGE', reason, null);
    },
    authFailed(clientId, username, reason) {
      metrics.authFailed++;
      logger.warn({ clientId, username, reason }, 'MQTT authentication failed');
    },
    willRefused({ clientId, principal, topic, payload, reason }) {
      metrics.aclDenied++;
      // A stored will replayed after a restart has no authenticated owner: only its client id.
      const actor =
        principal && principal.kind !== 'server'
          ? `${principal.kind}:${principal.id}`
          : `mqtt-client:${clientId}`;
      const content = preview(payload);
      logger.warn({ actor, clientId, topic, reason, payload: content }, 'last will refused');
      void sinks.audit(
        actor,
        'acl.denied_publish',
        `topic:${topic}`,
        { reason, will: true, clientId, payload: content },
        principal && principal.kind !== 'server' ? principal.site : null,
      );
      if (principal && principal.kind !== 'server')
        void sinks.reject(
          principal.kind,
          principal.id,
          'FORBIDDEN',
          `will to ${topic} refused: ${reason}`,
          null,
        );
    },
  };
}
