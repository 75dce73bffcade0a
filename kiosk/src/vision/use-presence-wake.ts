import { useEffect, useState } from 'preact/hooks';
import type { PresenceDetector, PresenceListener, PresenceStatus } from './presence.js';

/**
 * Only the first attract screen after the page loads wakes for a face already there; later ones (after
 * a session ends) wait until that guest has left, so a guest who just finished is not greeted again.
 */
let firstWatch = true;

/**
 * While mounted (the attract screen), watches for a guest stepping up and calls `wake`. Returns the
 * detector's status, so the screen can say when the camera is on.
 */
export function usePresenceWake(presence: PresenceDetector, wake: () => void): PresenceStatus {
  const [status, setStatus] = useState<PresenceStatus>({ kind: 'off' });
  useEffect(() => {
    const armed = firstWatch;
    firstWatch = false;
    const listener: PresenceListener = {
      onEvent: (event) => event === 'arrived' && wake(),
      onStatus: setStatus,
    };
    presence.start(listener, { armed });
    return () => presence.stop(listener);
    // `wake` is the controller's method: a new function identity must not restart the camera.
  }, [presence]);
  return status;
}
