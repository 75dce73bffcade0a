/**
 * What every message handler is given besides the transaction: the time the message is decided at,
 * the SLA policies and the hooks that outlive the transaction (an SLA deadline to wake for, a site
 * whose queue changed). Handlers import the domain and the store interfaces, never an I/O library.
 */
import type { Priority } from '@frontdesk/protocol';
import type { Device, EscalationPolicy, StaffMember, TicketPolicies } from '../../domain/index.js';
import type { Metrics } from '../../metrics.js';
import type { Stores } from '../../store/store.js';
import type { Handled } from '../outbound.js';

export interface HandlerContext {
  now: number;
  policies: Partial<Record<Priority, EscalationPolicy>> | undefined;
  /** The ticket SLA per priority; the domain's defaults where absent. */
  ticketPolicies?: TicketPolicies;
  metrics: Metrics;
  /** A new SLA deadline: the scheduler wakes in time for it. */
  onDeadline(at: number): void;
  /** Something at `site` changed who waits or who works: its queue snapshot is republished soon. */
  queueChanged(site: string): void;
}

export interface DeviceContext extends HandlerContext {
  device: Device;
}

export interface StaffContext extends HandlerContext {
  member: StaffMember;
}

/** One message type's handler: runs inside the transaction, returns what to send after the commit. */
export type Handler<Ctx, M> = (tx: Stores, ctx: Ctx, msg: M) => Promise<Handled>;
