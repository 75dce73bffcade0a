/**
 * `/metrics` in the Prometheus text format (prom-client), with what an operator alerts on: live
 * connections, work waiting by site, SLA misses, message handling time, the process's own figures
 * (CPU, memory, event-loop lag), and the server's counters. The JSON snapshot stays at `/metrics.json`.
 * Its own registry, never prom-client's global one, so two servers in one process (tests) do not mix.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { ticketDeadline } from './domain/ticket-sla.js';
import type { Metrics } from './metrics.js';
import type { Store } from './store/store.js';

export interface PrometheusSources {
  metrics: Metrics;
  store: Store;
  now(): number;
  /** Live connections by principal kind; null with an external broker (it keeps them). */
  connections(): Record<'device' | 'staff' | 'server', number> | null;
}

type CounterField = Exclude<
  keyof ReturnType<Metrics['snapshot']>,
  'uptimeS' | 'rejected' | 'escalationsRaised'
>;

const COUNTERS: ReadonlyArray<[CounterField, string, string]> = [
  ['messagesIn', 'frontdesk_messages_received_total', 'Messages received from devices and staff'],
  ['messagesAccepted', 'frontdesk_messages_accepted_total', 'Messages handled and committed'],
  ['duplicates', 'frontdesk_messages_duplicate_total', 'Resent messages answered from the dedupe record'],
  ['aclDenied', 'frontdesk_acl_denied_total', 'Publishes, subscriptions and wills the broker refused'],
  ['authFailed', 'frontdesk_auth_failed_total', 'Failed sign-ins (MQTT and HTTP)'],
  [
    'reEscalations',
    'frontdesk_sla_missed_total',
    'Escalations that missed a claim deadline and went up a level',
  ],
  ['ticketsCreated', 'frontdesk_tickets_created_total', 'Fault tickets created'],
  ['photosStored', 'frontdesk_photos_stored_total', 'Photos stored'],
  ['understood', 'frontdesk_understood_total', 'Questions answered by POST /api/understand'],
];

const OPEN_TICKET = ['open', 'assigned', 'in_progress'] as const;

/** A counter whose value is read from the server's `Metrics` at scrape time. */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

function counters(registry: Registry, metrics: Metrics): void {
  for (const [field, name, help] of COUNTERS) mirroredCounter(registry, name, help, () => metrics[field]);
  mirroredCounter(
    registry,
    'frontdesk_escalations_raised_total',
    'Escalations raised',
    () => metrics.escalationsRaised,
  );
  new Counter({
    name: 'frontdesk_messages_rejected_total',
    help: 'Messages refused, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, n] of Object.entries(metrics.rejected)) this.inc({ code }, n ?? 0);
    },
  });
}

/** Open escalations and tickets by site, and how many have missed their SLA. */
function workGauges(registry: Registry, store: Store, now: () => number): void {
  new Gauge({
    name: 'frontdesk_escalations_open',
    help: 'Escalations waiting (pending) or being handled (claimed), by site, status and priority',
    labelNames: ['site', 'status', 'priority'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const e of await store.escalations.list({ status: ['pending', 'claimed'] }))
        this.inc({ site: e.site, status: e.status, priority: e.priority });
    },
  });
  new Gauge({
    name: 'frontdesk_escalations_overdue',
    help: 'Pending escalations past their first claim deadline (re-escalated), by site',
    labelNames: ['site'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const e of await store.escalations.list({ status: ['pending'] }))
        if (e.level > 0) this.inc({ site: e.site });
    },
  });
  new Gauge({
    name: 'frontdesk_tickets_open',
    help: 'Tickets not yet resolved or cancelled, by site and status',
    labelNames: ['site', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const t of await store.tickets.list({ status: [...OPEN_TICKET] }))
        this.inc({ site: t.site, status: t.status });
    },
  });
  new Gauge({
    name: 'frontdesk_tickets_overdue',
    help: 'Open tickets past their SLA deadline, by site',
    labelNames: ['site'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const at = now();
      for (const t of await store.tickets.list({ status: [...OPEN_TICKET] })) {
        const due = ticketDeadline(t);
        if (due !== null && due < at) this.inc({ site: t.site });
      }
    },
  });
}

function presenceGauges(registry: Registry, sources: PrometheusSources): void {
  new Gauge({
    name: 'frontdesk_connections',
    help: 'Live MQTT connections to the embedded broker by kind (absent with an external broker)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const counts = sources.connections();
      if (counts) for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: 'frontdesk_staff_on_duty',
    help: 'Members of staff online and on duty, by site',
    labelNames: ['site'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const sites = new Map((await sources.store.staff.list()).map((m) => [m.id, m.site]));
      for (const p of await sources.store.staff.listPresence()) {
        const site = sites.get(p.staffId);
        if (site && p.online && p.onDuty) this.inc({ site });
      }
    },
  });
}

/** The registry `/metrics` serves. */
export function prometheusRegistry(sources: PrometheusSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(sources.metrics.handling);
  counters(registry, sources.metrics);
  workGauges(registry, sources.store, sources.now);
  presenceGauges(registry, sources);
  return registry;
}
