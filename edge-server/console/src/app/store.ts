import { reduce } from './reduce.js';
import { initialState, type ConsoleEvent, type ConsoleState } from './state.js';

/** Holds the state and folds events into it with the pure reducer; components subscribe. */
export class ConsoleStore {
  private current: ConsoleState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: ConsoleState = initialState()) {
    this.current = initial;
  }

  get state(): ConsoleState {
    return this.current;
  }

  dispatch = (event: ConsoleEvent): void => {
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
