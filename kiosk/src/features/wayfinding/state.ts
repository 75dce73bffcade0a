import type { KioskEvent, KioskState } from '../../app/state.js';

/** The wayfinding screen: what the guest searched, where they are going, which floor is shown. */
export interface WayfindingSlice {
  query: string;
  destination: string | null;
  /** Index of the route leg (floor) on screen. */
  leg: number;
}

export type WayfindingEvent =
  | { type: 'wayfinding.open' }
  | { type: 'wayfinding.query'; query: string }
  | { type: 'wayfinding.destination'; placeId: string | null }
  | { type: 'wayfinding.leg'; leg: number }
  | { type: 'wayfinding.close' };

const fresh = (destination: string | null = null): WayfindingSlice => ({ query: '', destination, leg: 0 });

/** The wayfinding slice of the reducer: its own events, and the `wayfinding` flow of the dialogue. */
export function reduceWayfinding(state: KioskState, event: KioskEvent): KioskState {
  switch (event.type) {
    case 'flow':
      if (event.flow !== 'wayfinding') return state;
      return { ...state, screen: 'wayfinding', wayfinding: fresh(event.slots.place ?? null) };
    case 'wayfinding.open':
      return { ...state, screen: 'wayfinding', clarify: null, wayfinding: fresh() };
    case 'wayfinding.query':
      if (!state.wayfinding) return state;
      return { ...state, wayfinding: { ...state.wayfinding, query: event.query } };
    case 'wayfinding.destination':
      if (!state.wayfinding) return state;
      return { ...state, wayfinding: { ...state.wayfinding, destination: event.placeId, leg: 0 } };
    case 'wayfinding.leg':
      if (!state.wayfinding) return state;
      return { ...state, wayfinding: { ...state.wayfinding, leg: Math.max(0, event.leg) } };
    case 'wayfinding.close':
      return { ...state, screen: 'ask', wayfinding: null };
    default:
      return state;
  }
}
