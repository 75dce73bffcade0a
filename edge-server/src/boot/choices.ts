/**
 * What the configuration chooses: the installation's secrets, the SLA policies, the phone login, the
 * simulated hotel and hospital systems. Part of the composition root (`server.ts`), which wires them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Priority } from '@frontdesk/protocol';
import { generateSecret } from '../auth/secrets.js';
import type { Config } from '../config.js';
import { privateFile } from '../data-dir.js';
import {
  DEFAULT_ESCALATION_POLICIES,
  DEFAULT_TICKET_POLICIES,
  localDate,
  type EscalationPolicy,
  type TicketPolicies,
} from '../domain/index.js';
import { SimulatedWeChatLogin, WeChatCode2SessionLogin, type WeChatLogin } from '../service/wechat.js';
import type { Store } from '../store/store.js';
import { demoHospital, demoHotel } from '../systems/demo-systems.js';
import { SimulatedHospitalSystem } from '../systems/simulated-hospital-system.js';
import { SimulatedKeyEncoder } from '../systems/simulated-key-encoder.js';
import { SimulatedPropertySystem } from '../systems/simulated-property-system.js';
import { openSimulationDb } from '../systems/simulation-db.js';

export interface Secrets {
  serverSecret: string;
  tokenKey: string;
}

/** Per-installation secrets, created on first start, readable only by the server's user. */
export function loadSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets = { serverSecret: generateSecret(32), tokenKey: generateSecret(32) };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function policies(config: Config): Record<Priority, EscalationPolicy> {
  const d = DEFAULT_ESCALATION_POLICIES;
  const reassure = (p: EscalationPolicy) => config.sla.reassureMs ?? p.reassureAfterMs;
  return {
    emergency: {
      ...d.emergency,
      claimWithinMs: config.sla.emergencyClaimMs ?? d.emergency.claimWithinMs,
      reassureAfterMs: reassure(d.emergency),
    },
    high: {
      ...d.high,
      claimWithinMs: config.sla.highClaimMs ?? d.high.claimWithinMs,
      reassureAfterMs: reassure(d.high),
    },
    routine: {
      ...d.routine,
      claimWithinMs: config.sla.routineClaimMs ?? d.routine.claimWithinMs,
      reassureAfterMs: reassure(d.routine),
    },
  };
}

export function ticketPolicies(config: Config): TicketPolicies {
  const d = DEFAULT_TICKET_POLICIES;
  const { ticketEmergencyMs, ticketHighMs, ticketRoutineMs } = config.sla;
  return {
    emergency: { ...d.emergency, startWithinMs: ticketEmergencyMs ?? d.emergency.startWithinMs },
    high: { ...d.high, startWithinMs: ticketHighMs ?? d.high.startWithinMs },
    routine: { ...d.routine, startWithinMs: ticketRoutineMs ?? d.routine.startWithinMs },
  };
}

/** The phone login the configuration asks for; null: phone sessions are refused (NOT_CONFIGURED). */
export function wechatLogin(config: Config): WeChatLogin | null {
  const w = config.wechat;
  if (w.login === 'simulated') return new SimulatedWeChatLogin();
  if (w.login !== 'wechat') return null;
  return new WeChatCode2SessionLogin({ appId: w.appId, secret: w.secret, baseUrl: w.apiUrl });
}

/** The site of a staff member or device id (a locked-out principal), or null when it names neither. */
export async function siteOfPrincipal(store: Store, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const member = await store.staff.get(id);
  if (member) return member.site;
  return (await store.devices.get(id))?.site ?? null;
}

/**
 * No hotel PMS, key encoder or hospital system exists here: the simulated ones, with their own
 * database (as the real ones have theirs), seeded with the demo bookings and appointments.
 */
export interface SimulatedSystems {
  simulationDb: { close(): void };
  systems: {
    property: SimulatedPropertySystem;
    keys: SimulatedKeyEncoder;
    hospital: SimulatedHospitalSystem;
  };
}

export function openSimulatedSystems(config: Config, now: number): SimulatedSystems {
  const simulationDb = openSimulationDb(privateFile(join(config.dataDir, 'simulated-systems.db')));
  const systems = {
    property: new SimulatedPropertySystem(simulationDb),
    keys: new SimulatedKeyEncoder(
      simulationDb,
      config.keyEncoderBlankCards === null ? {} : { blankCards: config.keyEncoderBlankCards },
    ),
    hospital: new SimulatedHospitalSystem(simulationDb),
  };
  if (config.demo) {
    const today = localDate(now, config.siteUtcOffsetMin);
    if (systems.property.isEmpty()) {
      const hotel = demoHotel(today);
      systems.property.seed(hotel.bookings, hotel.rooms);
    }
    if (systems.hospital.isEmpty()) systems.hospital.seed(demoHospital(today));
  }
  return { simulationDb, systems };
}
