/**
 * What the service sends: messages decided inside a transaction and published after it commits,
 * acks, and the error replies. A lost notification is logged, never thrown: the decision stands and
 * clients recover by re-reading state.
 */
import {
  ERROR_MESSAGES,
  encodeDown,
  topics,
  type DownType,
  type ErrorCode,
  type PrincipalKind,
  type downBodies,
} from '@frontdesk/protocol';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DomainError } from '../domain/index.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from './clock.js';

export const SERVER_ID = 'edge-server';

export type Body<K extends DownType> = z.input<(typeof downBodies)[K]>;

/** A message to send once the transaction has committed. */
export interface Outbound {
  topic: string;
  type: DownType;
  body: unknown;
  retain?: boolean;
}

/** What a handler decided: the entity it touched and what to send after the commit, or a refusal. */
export type Handled = { entityId: string | null; out: Outbound[] } | DomainError;

export const isError = (r: unknown): r is DomainError =>
  typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false;

export const done = (entityId: string | null, out: Outbound[] = []): Handled => ({ entityId, out });

export function out<K extends DownType>(kind: PrincipalKind, id: string, type: K, body: Body<K>): Outbound {
  return { topic: topics.of(kind, id, 'down'), type, body };
}

export interface Publisher {
  publish(topic: string, payload: string, options?: { retain?: boolean }): Promise<void>;
}

export class Outbox {
  constructor(
    private readonly deps: {
      bus: Publisher;
      clock: Clock;
      newId: () => string;
      logger: Logger;
      metrics: Metrics;
    },
  ) {}

  async flush(list: Outbound[]): Promise<void> {
    for (const o of list)
      await this.publishSafely(o.topic, encodeDown(o.type, o.body as never, this.meta()), o.retain);
  }

  async send<K extends DownType>(kind: PrincipalKind, id: string, type: K, body: Body<K>): Promise<void> {
    await this.flush([out(kind, id, type, body)]);
  }

  /** Publishes retained state (a knowledge base) and lets a failure through to the caller. */
  async publishRetained<K extends DownType>(topic: string, type: K, body: Body<K>): Promise<void> {
    await this.deps.bus.publish(topic, encodeDown(type, body as never, this.meta()), { retain: true });
  }

  /** Tells a principal why its message or action was refused (ACL denials come here too). */
  async reject(
    kind: PrincipalKind,
    id: string,
    code: ErrorCode,
    reason: string,
    ref: string | null,
    details?: Record<string, unknown>,
  ): Promise<void> {
    this.deps.metrics.reject(code);
    this.deps.logger.warn({ kind, id, code, reason, ref }, 'message rejected');
    const body = {
      code,
      message: reason,
      messageZh: ERROR_MESSAGES[code].zh,
      ref,
      // Details name people (who won a claim): only ever for staff.
      ...(details !== undefined && kind === 'staff' ? { details } : {}),
    };
    await this.flush([{ topic: topics.of(kind, id, 'error'), type: 'error', body }]);
  }

  private async publishSafely(topic: string, payload: string, retain = false): Promise<void> {
    try {
      await this.deps.bus.publish(topic, payload, { retain });
    } catch (err) {
      // The decision is committed; a lost notification is recovered by clients re-reading state.
      this.deps.logger.warn({ err, topic }, 'publish failed');
    }
  }

  private meta() {
    return { id: this.deps.newId(), from: SERVER_ID, ts: this.deps.clock.now() };
  }
}
