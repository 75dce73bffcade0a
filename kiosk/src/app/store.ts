import { initialState, reduce, type KioskEvent, type KioskState } from './state.js';

/** Holds the state and folds events into it with the pure reducer; components subscribe. */
export class KioskStore {
  private current: KioskState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: KioskState = initialState()) {
    this.current = initial;
  }

  get state(): KioskState {
    return this.current;
  }

  dispatch = (event: KioskEvent): void => {
    const next = reduce(this.current, event);
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  };

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
