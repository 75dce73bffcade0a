import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../features/admin/admin-api.js';
import { dict, type Dict } from '../i18n/dict.js';
import type { ConsoleController } from './controller.js';
import type { ConsoleState } from './state.js';
import type { ConsoleStore } from './store.js';

export interface Services {
  store: ConsoleStore;
  controller: ConsoleController;
  now: () => number;
  /** The administrators' HTTP calls (the admin section). */
  admin: AdminApi;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing');
  return services;
}

export function useConsoleState(): ConsoleState {
  const { store } = useServices();
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(() => setState(store.state)), [store]);
  return state;
}

export function useText(): Dict {
  return dict[useConsoleState().lang];
}

/** The clock for SLA countdowns, ticking once a second while the component is shown. */
export function useNow(periodMs = 1000): number {
  const { now } = useServices();
  const [t, setT] = useState(now());
  useEffect(() => {
    const timer = setInterval(() => setT(now()), periodMs);
    return () => clearInterval(timer);
  }, [now, periodMs]);
  return t;
}
