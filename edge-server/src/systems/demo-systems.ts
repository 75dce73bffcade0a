/**
 * Demo bookings, rooms and appointments for the demo hotel (grand-hotel) and hospital (city-hospital),
 * dated relative to the day they are seeded. Also documented in README.md (demo journeys).
 */
import { ROOM_TYPES, type SimulatedBooking, type SimulatedRoom } from './simulated-property-system.js';
import type { SimulatedAppointment } from './simulated-hospital-system.js';
import { addDays } from '../domain/journeys.js';

export const HOTEL_SITE = 'grand-hotel';
export const HOSPITAL_SITE = 'city-hospital';

const RATES: Record<string, number> = { king: 58_800, twin: 52_800, suite: 128_800 };

function booking(
  b: Omit<
    SimulatedBooking,
    | 'site'
    | 'roomTypeName'
    | 'bill'
    | 'currency'
    | 'qrPayload'
    | 'guestIdentity'
    | 'nightlyRateCents'
    | 'departure'
    | 'guestTier'
  > & {
    extras?: SimulatedBooking['bill'];
    guestTier?: SimulatedBooking['guestTier'];
  },
): SimulatedBooking {
  const rate = RATES[b.roomType] ?? 50_000;
  const { extras, ...rest } = b;
  return {
    ...rest,
    site: HOTEL_SITE,
    roomTypeName: ROOM_TYPES[b.roomType] ?? { zh: b.roomType, en: b.roomType },
    departure: addDays(b.arrival, b.nights),
    nightlyRateCents: rate,
    bill: [
      {
        label: { zh: `房费 ${b.nights} 晚`, en: `Room, ${b.nights} night(s)` },
        amountCents: rate * b.nights,
      },
      ...(extras ?? []),
    ],
    currency: 'CNY',
    qrPayload: `FDBOOK1:${b.reference}:${b.id}`,
    guestIdentity: null,
    guestTier: b.guestTier ?? 'standard',
  };
}

export function demoHotel(today: string): { bookings: SimulatedBooking[]; rooms: SimulatedRoom[] } {
  const rooms: SimulatedRoom[] = [];
  for (const floor of ['8', '9', '12']) {
    for (const [i, type] of (['king', 'king', 'twin', 'twin', 'suite'] as const).entries()) {
      rooms.push({
        site: HOTEL_SITE,
        number: `${floor}${String(i + 1).padStart(2, '0')}`,
        floor: `${floor}F`,
        roomType: type,
        state: 'vacant_clean',
      });
    }
  }
  // Emma Brown is already in 1203; 1201 is waiting for housekeeping.
  for (const r of rooms) {
    if (r.number === '1203') r.state = 'occupied';
    if (r.number === '1201') r.state = 'vacant_dirty';
  }
  const bookings = [
    booking({
      id: 'bk-1001',
      reference: 'YQ2026A1',
      surname: '王',
      guestName: '王芳',
      phone: '13812345678',
      roomType: 'king',
      arrival: today,
      nights: 2,
      status: 'booked',
      room: null,
    }),
    booking({
      id: 'bk-1002',
      reference: 'YQ2026B2',
      surname: 'Smith',
      guestName: 'John Smith',
      phone: '+44 7700 900123',
      roomType: 'twin',
      arrival: today,
      nights: 1,
      status: 'booked',
      room: null,
    }),
    booking({
      id: 'bk-1003',
      reference: 'YQ2026C3',
      surname: '李',
      guestName: '李明',
      phone: '13987654321',
      roomType: 'king',
      arrival: addDays(today, 1),
      nights: 3,
      status: 'booked',
      room: null,
    }),
    booking({
      id: 'bk-1004',
      reference: 'YQ2026D4',
      surname: 'Brown',
      guestName: 'Emma Brown',
      phone: '+1 415 555 0134',
      roomType: 'twin',
      arrival: addDays(today, -2),
      nights: 2,
      status: 'checked_in',
      room: { number: '1203', floor: '12F' },
      extras: [
        { label: { zh: '迷你吧', en: 'Minibar' }, amountCents: 6_800 },
        { label: { zh: '早餐（1 位）', en: 'Breakfast (1 guest)' }, amountCents: 8_800 },
      ],
    }),
    booking({
      id: 'bk-1005',
      reference: 'YQ2026E5',
      surname: '张',
      guestName: '张伟',
      phone: '13700001111',
      roomType: 'suite',
      arrival: today,
      nights: 1,
      status: 'cancelled',
      room: null,
    }),
    booking({
      id: 'bk-1006',
      reference: 'YQ2026F6',
      surname: '陈',
      guestName: '陈静',
      phone: '13655556666',
      roomType: 'suite',
      guestTier: 'vip',
      arrival: today,
      nights: 2,
      status: 'booked',
      room: null,
    }),
  ];
  return { bookings, rooms };
}

export function demoHospital(today: string): SimulatedAppointment[] {
  const appt = (
    a: Omit<SimulatedAppointment, 'site' | 'qrPayload' | 'status' | 'queueNumber' | 'queueLabel'> &
      Partial<Pick<SimulatedAppointment, 'status'>>,
  ): SimulatedAppointment => ({
    status: 'booked',
    queueNumber: null,
    queueLabel: null,
    ...a,
    site: HOSPITAL_SITE,
    qrPayload: `FDAPPT1:${a.id}`,
  });
  return [
    appt({
      id: 'apt-2001',
      patientName: '刘洋',
      residentId: '11010519491231002X',
      department: 'internal_medicine',
      doctor: { zh: '陈医生', en: 'Dr Chen' },
      date: today,
      slot: '09:00–09:30',
    }),
    appt({
      id: 'apt-2002',
      patientName: '周敏',
      residentId: '310115198503151230',
      department: 'cardiology',
      doctor: { zh: '王医生', en: 'Dr Wang' },
      date: today,
      slot: '10:00–10:30',
    }),
    appt({
      id: 'apt-2003',
      patientName: 'Mary Jones',
      residentId: '440304199007084564',
      department: 'dermatology',
      doctor: { zh: '林医生', en: 'Dr Lin' },
      date: today,
      slot: '14:00–14:30',
    }),
    appt({
      id: 'apt-2004',
      patientName: '黄小宝',
      residentId: '510107201805207895',
      department: 'pediatrics',
      doctor: { zh: '吴医生', en: 'Dr Wu' },
      date: addDays(today, 1),
      slot: '08:30–09:00',
    }),
    appt({
      id: 'apt-2005',
      patientName: '赵刚',
      residentId: '330106197701013456',
      department: 'orthopedics',
      doctor: { zh: '郑医生', en: 'Dr Zheng' },
      date: today,
      slot: '15:00–15:30',
      status: 'cancelled',
    }),
  ];
}
