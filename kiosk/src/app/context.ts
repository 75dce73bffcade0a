import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { dict, type Dict } from '../i18n/dict.js';
import type { KioskSettings } from '../storage/db.js';
import type { KioskController } from './controller.js';
import type { KioskState } from './state.js';
import type { KioskStore } from './store.js';

export interface Services {
  store: KioskStore;
  controller: KioskController;
  settings: {
    load(): Promise<KioskSettings>;
    /** Saves and restarts the kiosk with the new identity. */
    save(settings: KioskSettings): Promise<void>;
    checkPin(pin: string): boolean;
    idleTimeoutS: number;
    configured: boolean;
  };
  /** Hands-free voice commands; null where the kiosk has no microphone API. */
  voice: { toggle(): Promise<void> } | null;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing');
  return services;
}

export function useKioskState(): KioskState {
  const { store } = useServices();
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(() => setState(store.state)), [store]);
  return state;
}

/** The strings of the language on screen now. */
export function useText(): Dict {
  return dict(useKioskState().lang);
}
