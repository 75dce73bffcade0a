/**
 * Face presence: wakes the kiosk when someone steps up to it. Only "a face is near and centred" ever
 * leaves the detector — no frame, face crop or box is stored or sent anywhere.
 *
 * The decision is a pure function of detections and time (`presenceStep`), so its hysteresis is tested
 * on fake detections without a camera; `MediapipePresenceDetector` (mediapipe-presence.ts) is the shell
 * that feeds it from the camera, and `TouchOnlyPresenceDetector` the default where there is no camera
 * or no permission.
 */

/** One detected face, in fractions of the frame (0–1, origin top-left). */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Detector confidence, 0–1. */
  readonly score: number;
}

export interface PresenceOptions {
  /** Faces below this detector score are ignored. */
  readonly minScore: number;
  /** A face narrower than this fraction of the frame is someone walking past at a distance. */
  readonly minFaceWidth: number;
  /** How far the face centre may be from the frame centre, as a fraction of the frame, per axis. */
  readonly maxOffsetX: number;
  readonly maxOffsetY: number;
  /** A qualifying face must be seen this long before it counts (a glance while walking past does not). */
  readonly enterMs: number;
  /** And be gone this long before the person counts as gone (a turned head or a missed frame is not). */
  readonly leaveMs: number;
}

export const DEFAULT_PRESENCE: PresenceOptions = {
  minScore: 0.6,
  minFaceWidth: 0.12,
  maxOffsetX: 0.3,
  maxOffsetY: 0.4,
  enterMs: 400,
  leaveMs: 1500,
};

export interface PresenceState {
  readonly present: boolean;
  /**
   * Whether an arrival may wake the kiosk. After a session ends the guest often still stands there:
   * the kiosk must not wake again at once, only once they have left and someone (or they) come back.
   */
  readonly armed: boolean;
  /** When the current run of qualifying frames began (null: the last frame had none). */
  readonly seenSince: number | null;
  /** When a qualifying face was last seen. */
  readonly lastSeenAt: number | null;
}

/**
 * Unarmed (`armed: false`, at `nowMs`), the detector assumes the last guest is still in front of it
 * until `leaveMs` passes without a face, so one missed frame does not re-arm it.
 */
export function initialPresence(armed = true, nowMs = 0): PresenceState {
  return { present: false, armed, seenSince: null, lastSeenAt: armed ? null : nowMs };
}

/** `arrived` only when armed: the one event that wakes the kiosk. */
export type PresenceEvent = 'arrived' | 'left' | null;

/** Is this face near the kiosk and in front of it? */
export function qualifies(face: FaceBox, options: PresenceOptions = DEFAULT_PRESENCE): boolean {
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  return (
    face.score >= options.minScore &&
    face.width >= options.minFaceWidth &&
    Math.abs(cx - 0.5) <= options.maxOffsetX &&
    Math.abs(cy - 0.5) <= options.maxOffsetY
  );
}

/** One frame's detections at `nowMs` → the next state and what happened. */
export function presenceStep(
  state: PresenceState,
  faces: readonly FaceBox[],
  nowMs: number,
  options: PresenceOptions = DEFAULT_PRESENCE,
): { state: PresenceState; event: PresenceEvent } {
  const seen = faces.some((f) => qualifies(f, options));
  if (seen) {
    const seenSince = state.seenSince ?? nowMs;
    const next: PresenceState = { ...state, seenSince, lastSeenAt: nowMs };
    if (!state.present && nowMs - seenSince >= options.enterMs) {
      return {
        state: { ...next, present: true, armed: false },
        event: state.armed ? 'arrived' : null,
      };
    }
    return { state: next, event: null };
  }
  const gone = state.lastSeenAt === null || nowMs - state.lastSeenAt >= options.leaveMs;
  if (!gone) return { state: { ...state, seenSince: null }, event: null };
  if (state.present) {
    return { state: { ...state, present: false, armed: true, seenSince: null }, event: 'left' };
  }
  // Nobody there for `leaveMs` (or ever): the next arrival may wake the kiosk.
  return { state: { ...state, armed: true, seenSince: null }, event: null };
}

/** What the detector can do on this device, for the attract screen and the diagnostics panel. */
export type PresenceStatus =
  | { readonly kind: 'off' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'watching' }
  /** No camera, no permission, or the model did not load: touch still works. */
  | { readonly kind: 'touch_only'; readonly reason: 'no_camera' | 'denied' | 'busy' | 'model_failed' };

export interface PresenceListener {
  /** A person arrived (armed) or left. */
  onEvent?(event: 'arrived' | 'left'): void;
  /** Every analysed frame's result, for the diagnostics panel's "face seen" indicator. */
  onFrame?(frame: { faces: number; qualifying: boolean; ms: number }): void;
  onStatus?(status: PresenceStatus): void;
}

export interface PresenceDetector {
  /**
   * Starts watching (opens the camera). `armed: false` when the kiosk just returned to the attract
   * screen after a session: the guest still standing there does not wake it again.
   */
  start(listener: PresenceListener, options?: { armed?: boolean }): void;
  /**
   * Stops watching and releases the camera. With `listener`, only if that listener's watch is still
   * the current one (the attract screen and the diagnostics panel may hand over in either order).
   */
  stop(listener?: PresenceListener): void;
}

/** The default where there is no camera: presence never fires; a touch wakes the kiosk. */
export class TouchOnlyPresenceDetector implements PresenceDetector {
  constructor(private readonly reason: 'no_camera' | 'denied' = 'no_camera') {}
  start(listener: PresenceListener): void {
    listener.onStatus?.({ kind: 'touch_only', reason: this.reason });
  }
  stop(): void {}
}
