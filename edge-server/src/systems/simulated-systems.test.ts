import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoHospital, demoHotel, HOSPITAL_SITE, HOTEL_SITE } from './demo-systems.js';
import { hospitalSystemContract } from './hospital-system.contract.js';
import { maskName } from './hospital-system.js';
import { keyEncoderContract } from './key-encoder.contract.js';
import { propertySystemContract } from './property-system.contract.js';
import { SimulatedHospitalSystem } from './simulated-hospital-system.js';
import { SimulatedKeyEncoder } from './simulated-key-encoder.js';
import { SimulatedPropertySystem } from './simulated-property-system.js';
import { openSimulationDb } from './simulation-db.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-systems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const TODAY = '2026-12-02';

function hotel() {
  const db = openSimulationDb(join(dir, `pms-${n++}.db`));
  const pms = new SimulatedPropertySystem(db);
  const demo = demoHotel(TODAY);
  pms.seed(demo.bookings, demo.rooms);
  return { db, pms, demo };
}

propertySystemContract('SimulatedPropertySystem', async () => {
  const { db, pms } = hotel();
  return {
    system: pms,
    site: HOTEL_SITE,
    today: TODAY,
    arriving: {
      id: 'bk-1001',
      reference: 'YQ2026A1',
      surname: '王',
      phoneDigits: '5678',
      qrPayload: 'FDBOOK1:YQ2026A1:bk-1001',
    },
    arrivingToo: { id: 'bk-1006', reference: 'YQ2026F6', surname: '陈' },
    vip: { id: 'bk-1006', reference: 'YQ2026F6', surname: '陈' },
    future: { id: 'bk-1003', reference: 'YQ2026C3', surname: '李' },
    staying: { id: 'bk-1004', reference: 'YQ2026D4', surname: 'Brown' },
    cancelled: { id: 'bk-1005', reference: 'YQ2026E5', surname: '张' },
    close: async () => {
      db.close();
    },
  };
});

keyEncoderContract('SimulatedKeyEncoder', async () => {
  const db = openSimulationDb(join(dir, `keys-${n++}.db`));
  const encoder = new SimulatedKeyEncoder(db, { blankCards: 10 });
  return {
    encoder,
    empty: async () => encoder.load(0),
    jam: async () => encoder.jam(),
    close: async () => {
      db.close();
    },
  };
});

hospitalSystemContract('SimulatedHospitalSystem', async () => {
  const db = openSimulationDb(join(dir, `his-${n++}.db`));
  const his = new SimulatedHospitalSystem(db);
  const demo = demoHospital(TODAY);
  // A second patient for internal medicine today, so two numbers come from the same queue.
  his.seed([
    ...demo,
    { ...demo[0]!, id: 'apt-2901', residentId: '310115198503151230', qrPayload: 'FDAPPT1:apt-2901' },
  ]);
  const known = (id: string) => {
    const a = [...demo, { ...demo[0]!, id: 'apt-2901', qrPayload: 'FDAPPT1:apt-2901' }].find(
      (x) => x.id === id,
    )!;
    return { id, residentId: a.residentId, qrPayload: a.qrPayload, department: a.department };
  };
  return {
    system: his,
    site: HOSPITAL_SITE,
    today: TODAY,
    today1: known('apt-2001'),
    today2: known('apt-2901'),
    otherDepartment: known('apt-2002'),
    tomorrow: known('apt-2004'),
    cancelled: known('apt-2005'),
    close: async () => {
      db.close();
    },
  };
});

describe('simulated systems', () => {
  it('keep their state in SQLite across a restart: the checked-in guest, the room, the queue counter', async () => {
    const file = join(dir, 'restart.db');
    let db = openSimulationDb(file);
    const demo = demoHotel(TODAY);
    new SimulatedPropertySystem(db).seed(demo.bookings, demo.rooms);
    new SimulatedHospitalSystem(db).seed(demoHospital(TODAY));
    const guest = { name: '王芳', document: 'resident_id' as const, numberMasked: '1101**********002X' };
    const first = await new SimulatedPropertySystem(db).checkIn(HOTEL_SITE, 'bk-1001', {
      requestKey: 'r',
      guest,
      today: TODAY,
    });
    await new SimulatedHospitalSystem(db).checkIn(HOSPITAL_SITE, 'apt-2001', {
      requestKey: 'q',
      today: TODAY,
    });
    db.close();

    db = openSimulationDb(file);
    const pms = new SimulatedPropertySystem(db);
    expect(pms.isEmpty()).toBe(false);
    const stored = pms.booking('bk-1001');
    expect(stored?.status).toBe('checked_in');
    expect(stored?.guestIdentity).toEqual(guest);
    expect(first.ok && pms.rooms(HOTEL_SITE).find((r) => r.number === first.value.room?.number)?.state).toBe(
      'occupied',
    );
    const his = new SimulatedHospitalSystem(db);
    await his.checkIn(HOSPITAL_SITE, 'apt-2002', { requestKey: 'q2', today: TODAY });
    expect(his.appointment('apt-2001')?.queueLabel).toBe('A001');
    db.close();
  });

  it('leave a checked-out room for housekeeping, and never assign a dirty or occupied room', async () => {
    const { db, pms } = hotel();
    const guest = { name: 'x', document: 'other' as const, numberMasked: 'x' };
    await pms.checkOut(HOTEL_SITE, 'bk-1004', { requestKey: 'o', today: TODAY });
    expect(pms.rooms(HOTEL_SITE).find((r) => r.number === '1203')?.state).toBe('vacant_dirty');
    // bk-1002 is a twin: 1203 (dirty now) must not be chosen.
    const r = await pms.checkIn(HOTEL_SITE, 'bk-1002', { requestKey: 'c', guest, today: TODAY });
    expect(r.ok && r.value.room?.number).toBe('803');
    db.close();
  });

  // The date helpers' cases moved to domain/journeys.test.ts.
  it('masks patient names', () => {
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('Mary Jones')).toBe('M*** J****');
  });
});
