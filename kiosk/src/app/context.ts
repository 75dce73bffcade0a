import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { dict, type Dict } from '../i18n/dict.js';
import type { FaultController } from '../features/fault/controller.js';
import type { HandoverController } from '../features/phone/handover.js';
import type { KioskSettings } from '../storage/db.js';
import type { AppointmentController } from '../features/appointment/controller.js';
import type { CheckinController } from '../features/checkin/controller.js';
import type { PhotoReader } from '../vision/photo-reader.js';
import type { KioskController } from './controller.js';
import type { KioskState } from './state.js';
import type { KioskStore } from './store.js';

export interface Services {
  store: KioskStore;
  controller: KioskController;
  /** Hotel check-in / check-out and hospital appointment check-in (features/checkin, features/appointment). */
  checkin: CheckinController;
  appointment: AppointmentController;
  /** On-device OCR of still photos; null where none is installed (the guest types instead). */
  photoReader: PhotoReader | null;
  settings: {
    load(): Promise<KioskSettings>;
    /** Saves and restarts the kiosk with the new identity. */
    save(settings: KioskSettings): Promise<void>;
    checkPin(pin: string): boolean;
    idleTimeoutS: number;
    configured: boolean;
  };
  fault: FaultController;
  handover: HandoverController;
  /** This kiosk's place as set in its settings (empty: not set, see `state.registeredPlace`). */
  kioskPlace: string;
  /** Where the phone pages live: the edge server's origin. */
  origin: string;
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
