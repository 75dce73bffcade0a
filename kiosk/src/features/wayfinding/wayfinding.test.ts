import { describe, expect, it } from 'vitest';
import type { KnowledgeBase, Place } from '@frontdesk/protocol';
import { initialState, reduce, type KioskEvent, type KioskState } from '../../app/state.js';
import { resolveKioskPlace, routeUrl, searchPlaces } from './places.js';

const place = (id: string, kind: Place['kind'], zh: string, en: string, aliases: string[] = []): Place => ({
  id,
  name: { zh, en },
  aliases,
  floor: '1F',
  x: 0,
  y: 0,
  kind,
});
const kb = {
  site: 'grand-hotel',
  version: 1,
  places: [
    place('kiosk', 'kiosk', '大堂自助机', 'Lobby kiosk'),
    place('j1', 'junction', '走廊', 'Corridor'),
    place('pool', 'facility', '室内泳池', 'Indoor pool', ['游泳', 'swimming']),
    place('lift', 'lift', '电梯', 'Lifts', ['elevator']),
    place('gym', 'facility', '健身房', 'Gym', ['fitness', 'pool-side gym']),
  ],
} as unknown as KnowledgeBase;

const fold = (events: KioskEvent[], from: KioskState = { ...initialState('en'), kb }) =>
  events.reduce(reduce, from);

describe('wayfinding slice', () => {
  it('the wayfinding flow opens the screen with the place the guest named', () => {
    const s = fold([
      { type: 'wake', conversationId: 'c1' },
      { type: 'flow', flow: 'wayfinding', slots: { place: 'pool' }, department: null },
    ]);
    expect(s.screen).toBe('wayfinding');
    expect(s.wayfinding).toEqual({ query: '', destination: 'pool', leg: 0 });
  });

  it('other flows leave it alone; search, choose, change floor, close', () => {
    const s0 = fold([{ type: 'flow', flow: 'checkin', slots: {}, department: null }]);
    expect(s0.wayfinding).toBeNull();
    const s = fold([
      { type: 'wayfinding.open' },
      { type: 'wayfinding.query', query: 'po' },
      { type: 'wayfinding.destination', placeId: 'pool' },
      { type: 'wayfinding.leg', leg: 1 },
    ]);
    expect(s.wayfinding).toEqual({ query: 'po', destination: 'pool', leg: 1 });
    expect(reduce(s, { type: 'wayfinding.destination', placeId: 'gym' }).wayfinding?.leg).toBe(0);
    const closed = reduce(s, { type: 'wayfinding.close' });
    expect([closed.screen, closed.wayfinding]).toEqual(['ask', null]);
  });

  it('idle forgets the route but keeps the registered place', () => {
    const s = fold([
      { type: 'registered_place', place: 'kiosk' },
      { type: 'wayfinding.open' },
      { type: 'idle' },
    ]);
    expect(s.wayfinding).toBeNull();
    expect(s.registeredPlace).toBe('kiosk');
  });
});

describe('places', () => {
  it('the kiosk place: settings first, then the registration, then the only kiosk of the KB', () => {
    expect(resolveKioskPlace(kb, 'lift', 'kiosk')).toBe('lift');
    expect(resolveKioskPlace(kb, '', 'kiosk')).toBe('kiosk');
    expect(resolveKioskPlace(kb, 'nowhere', null)).toBe('kiosk');
    const two = { places: [...kb.places, place('k2', 'kiosk', '二号机', 'Kiosk 2')] };
    expect(resolveKioskPlace(two, '', null)).toBeNull();
    expect(resolveKioskPlace(null, 'kiosk', 'kiosk')).toBeNull();
  });

  it('search by name in either language or alias, best first; junctions and the kiosk are not destinations', () => {
    expect(searchPlaces(kb, '', 'en', 'kiosk').map((p) => p.id)).toEqual(['gym', 'pool', 'lift']);
    expect(searchPlaces(kb, 'pool', 'en', 'kiosk').map((p) => p.id)).toEqual(['pool', 'gym']);
    expect(searchPlaces(kb, '泳池', 'zh', 'kiosk').map((p) => p.id)).toEqual(['pool']);
    expect(searchPlaces(kb, 'ELEVATOR', 'en', 'kiosk').map((p) => p.id)).toEqual(['lift']);
    expect(searchPlaces(kb, 'corridor', 'en', 'kiosk')).toEqual([]);
  });

  it('the route URL for the phone page', () => {
    expect(routeUrl('https://edge.local', 'grand-hotel', 'kiosk', 'pool')).toBe(
      'https://edge.local/m/route?site=grand-hotel&from=kiosk&to=pool',
    );
  });
});
