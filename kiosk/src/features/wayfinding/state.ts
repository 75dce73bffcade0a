import type { FlowEvent } from '../journey/journey.js';

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

export function isWayfindingEvent(event: { type: string }): event is WayfindingEvent {
  return event.type.startsWith('wayfinding.');
}

/** The wayfinding slice: its own events, and the `wayfinding` flow of the dialogue. */
export function reduceWayfinding(
  w: WayfindingSlice | null,
  event: WayfindingEvent | FlowEvent,
): WayfindingSlice | null {
  switch (event.type) {
    case 'flow':
      return event.flow === 'wayfinding' ? fresh(event.slots.place ?? null) : w;
    case 'wayfinding.open':
      return fresh();
    case 'wayfinding.query':
      return w && { ...w, query: event.query };
    case 'wayfinding.destination':
      return w && { ...w, destination: event.placeId, leg: 0 };
    case 'wayfinding.leg':
      return w && { ...w, leg: Math.max(0, event.leg) };
    case 'wayfinding.close':
      return null;
  }
}
