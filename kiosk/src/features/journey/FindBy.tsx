import type { ComponentChildren } from 'preact';
import { useText } from '../../app/context.js';
import { QrScanner } from '../../camera/QrScanner.js';

/**
 * The first step of a lookup journey (a hotel booking, a hospital appointment): tabs for how to find
 * it, then either the camera reading a QR code or the typed form given as children.
 */
export function FindBy<M extends string>(props: {
  /** Names the group of tabs ("Find my booking by"). */
  label: string;
  /** Each way to find it, with its tab's label; the one named `qr` shows the camera. */
  methods: ReadonlyArray<readonly [M, string]>;
  current: M;
  onMethod: (method: M) => void;
  /** What to show above the camera, and what to do with the code it reads. */
  qrPrompt: string;
  onQrCode: (text: string) => void;
  children: ComponentChildren;
}) {
  const t = useText();
  return (
    <>
      <div class="method-tabs" role="group" aria-label={props.label}>
        {props.methods.map(([m, label]) => (
          <button
            type="button"
            key={m}
            aria-pressed={props.current === m}
            class={props.current === m ? 'primary' : 'secondary'}
            onClick={() => props.onMethod(m)}
          >
            {label}
          </button>
        ))}
      </div>
      {props.current === 'qr' ? (
        <div class="scan">
          <p>{props.qrPrompt}</p>
          <QrScanner label={t.qrPreviewLabel} onCode={props.onQrCode} />
        </div>
      ) : (
        props.children
      )}
    </>
  );
}
