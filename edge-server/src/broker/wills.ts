import type { Client, PublishPacket } from 'aedes';
import {
  canReplayWill,
  canSetWill,
  type AclDecision,
  type Principal,
  type WillMessage,
} from '@frontdesk/protocol';

/** A will refused at CONNECT (principal known) or when the broker was about to publish it. */
export interface WillRefusal {
  clientId: string;
  /** null for a stored will replayed with its client gone (after a restart). */
  principal: Principal | null;
  topic: string;
  payload: Buffer;
  reason: string;
}

/** The error aedes gets for a refused will: it ends that will's publication. */
export class WillRefusedError extends Error {
  override readonly name = 'WillRefusedError';
}

/** What aedes-persistence adds to a will it stores: whose it was and which broker stored it. */
type StoredWill = PublishPacket & { clientId?: string; brokerId?: string };

/**
 * The last-will rule of the embedded broker (`canSetWill` / `canReplayWill` in the protocol), at the
 * two places aedes 1.2 lets us see a will:
 *
 * - CONNECT. aedes copies the will to `client.will` only after `authenticate` (it sits in the private
 *   `client._will` until its `storeWill` step), so reading `client.will` there saw nothing. The
 *   public `preConnect` hook gets the CONNECT packet: the will is kept from there.
 * - Publication. A dead connection's will comes to `authorizePublish` with its client; a will stored by
 *   a previous run (after a crash) comes with `client` null — the only null-client publish in aedes 1.2
 *   — and is checked against the client id it was stored under, so wills stored before this check
 *   existed are refused too. A refused stored will is deleted, or aedes would retry it forever.
 */
export class WillGuard {
  private readonly connecting = new WeakMap<Client, WillMessage | null>();

  constructor(
    private readonly onRefused: (refusal: WillRefusal) => void,
    /** Deletes the will stored under this client id (aedes-persistence's `delWill`). */
    private readonly deleteStored: (clientId: string) => Promise<unknown>,
  ) {}

  /** aedes' `preConnect`: remember the will, decide nothing (authentication comes next). */
  readonly preConnect = (
    client: Client,
    packet: { will?: WillMessage | null },
    done: (err: Error | null, ok: boolean) => void,
  ): void => {
    this.connecting.set(client, packet.will ?? null);
    done(null, true);
  };

  /** After authentication: the refusal reason of the CONNECT's will, or null when it may stay. */
  refuseAtConnect(client: Client, principal: Principal): string | null {
    const will = this.connecting.get(client);
    this.connecting.delete(client);
    if (!will) return null;
    const decision = canSetWill(principal, will);
    if (decision.allow) return null;
    this.onRefused({ clientId: client.id, principal, ...payloadOf(will), reason: decision.reason });
    return decision.reason;
  }

  /** Whether aedes is publishing a will (rather than a client's PUBLISH). */
  isWill(client: Client | null, packet: PublishPacket): boolean {
    // aedes-persistence stamps `brokerId` on every will it stores, including the live `client.will`;
    // a PUBLISH decoded from the wire has no such field.
    return client === null || packet === (client as { will?: unknown }).will || 'brokerId' in packet;
  }

  /** `authorizePublish` for a will; `principal` is its connected owner's, if any. */
  authorize(
    client: Client | null,
    principal: Principal | undefined,
    packet: PublishPacket,
    done: (err?: Error | null) => void,
  ): void {
    const stored = packet as StoredWill;
    const clientId = stored.clientId ?? client?.id ?? '';
    const decision: AclDecision = principal ? canSetWill(principal, packet) : canReplayWill(clientId, packet);
    if (decision.allow) return done(null);
    this.onRefused({ clientId, principal: principal ?? null, ...payloadOf(packet), reason: decision.reason });
    this.deleteStored(clientId).then(
      () => done(new WillRefusedError(decision.reason)),
      () => done(new WillRefusedError(decision.reason)),
    );
  }
}

function payloadOf(will: WillMessage): { topic: string; payload: Buffer } {
  const payload =
    typeof will.payload === 'string' ? Buffer.from(will.payload, 'utf8') : Buffer.from(will.payload);
  return { topic: will.topic, payload };
}
