import { extractFaultCodes } from '@frontdesk/models/ocr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices, useText } from '../../app/context.js';
import { CameraPreview } from '../../camera/CameraPreview.js';
import { PhotoReadError, type PhotoReading } from '../../vision/photo-reader.js';
import type { PresenceStatus } from '../../vision/presence.js';

type OcrResult =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'done'; reading: PhotoReading; codes: string[] }
  | { kind: 'failed'; code: string };

/**
 * For installers, behind the staff PIN: is the camera there, does the face detector see someone, does
 * OCR read a photo. Nothing seen here is stored or sent; leaving the panel turns everything off.
 */
export function DiagnosticsPanel() {
  const t = useText();
  return (
    <section class="diagnostics" aria-labelledby="diag-title">
      <h2 id="diag-title">{t.diagTitle}</h2>
      <PresenceCheck />
      <OcrCheck />
    </section>
  );
}

/** The camera preview and the face detector, watching unarmed. */
function PresenceCheck() {
  const t = useText();
  const { presence } = useServices();
  const [preview, setPreview] = useState(false);
  const [watching, setWatching] = useState(false);
  const [status, setStatus] = useState<PresenceStatus>({ kind: 'off' });
  const [frame, setFrame] = useState<{ qualifying: boolean; faces: number; ms: number } | null>(null);

  useEffect(() => {
    if (!watching) return undefined;
    setFrame(null);
    // Unarmed and without onEvent: watching here never wakes the kiosk.
    const listener = { onStatus: setStatus, onFrame: setFrame };
    presence.start(listener, { armed: false });
    return () => presence.stop(listener);
  }, [watching, presence]);

  const statusText =
    status.kind === 'touch_only' ? t.diagPresenceTouchOnly[status.reason] : t.diagPresenceStatus[status.kind];
  return (
    <>
      <div class="actions">
        <button type="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {t.diagCameraPreview}
        </button>
        <button type="button" aria-pressed={watching} onClick={() => setWatching(!watching)}>
          {t.diagWatchFaces}
        </button>
      </div>
      {preview && <CameraPreview label={t.diagCameraPreviewLabel} onVideo={() => undefined} />}

      <p role="status" class="diag-presence" data-status={status.kind}>
        {statusText}
      </p>
      {watching && (
        <p class="diag-face" data-face={frame ? String(frame.qualifying) : 'unknown'}>
          <span class={`diag-dot${frame?.qualifying ? ' diag-dot-on' : ''}`} aria-hidden="true" />
          {frame === null ? t.diagFaceWaiting : frame.qualifying ? t.diagFaceSeen : t.diagFaceNone}
          {frame !== null && <span class="diag-ms"> {t.diagMs(frame.ms)}</span>}
        </p>
      )}
    </>
  );
}

/** OCR of a chosen photo, with the fault codes found in it. */
function OcrCheck() {
  const t = useText();
  const { photoReader } = useServices();
  const [ocr, setOcr] = useState<OcrResult>({ kind: 'idle' });
  const reading = useRef<AbortController | null>(null);

  useEffect(() => () => reading.current?.abort(), []);

  const readPhoto = async (file: File | undefined) => {
    if (!file || !photoReader) return;
    reading.current?.abort();
    const abort = new AbortController();
    reading.current = abort;
    setOcr({ kind: 'reading' });
    try {
      const result = await photoReader.read(file, { signal: abort.signal });
      setOcr({ kind: 'done', reading: result, codes: extractFaultCodes(result.text) });
    } catch (error) {
      if (abort.signal.aborted) return;
      setOcr({ kind: 'failed', code: error instanceof PhotoReadError ? error.code : 'worker_failed' });
    }
  };

  return (
    <>
      <h3>{t.diagOcrTitle}</h3>
      {photoReader ? (
        <>
          <label for="diag-ocr-photo">{t.diagOcrPhoto}</label>
          <input
            id="diag-ocr-photo"
            type="file"
            accept="image/*"
            onChange={(e) => void readPhoto(e.currentTarget.files?.[0])}
          />
          <div class="diag-ocr" aria-live="polite" data-state={ocr.kind}>
            {ocr.kind === 'reading' && <p>{t.diagOcrReading}</p>}
            {ocr.kind === 'failed' && <p class="notice">{t.diagOcrFailed}</p>}
            {ocr.kind === 'done' && (
              <>
                <p>{t.diagOcrDone(ocr.reading.lines.length, ocr.reading.elapsedMs)}</p>
                <pre class="diag-ocr-text">{ocr.reading.text}</pre>
                <p class="diag-ocr-codes">{t.diagOcrCodes(ocr.codes.join(', ') || '—')}</p>
              </>
            )}
          </div>
        </>
      ) : (
        <p class="notice">{t.diagOcrUnavailable}</p>
      )}
    </>
  );
}
