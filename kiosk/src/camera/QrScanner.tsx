import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CameraPreview } from './CameraPreview.js';
import { frameImageData } from './camera.js';

/** How often a frame is decoded: QR codes are held still for a second or more, so 4 per second is plenty. */
const SCAN_INTERVAL_MS = 250;

/** The text of a QR code in the pixels, or null. Pure (jsQR on the RGBA buffer). */
export function decodeQr(image: ImageData): string | null {
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return code && code.data.length > 0 ? code.data : null;
}

/**
 * A camera preview that decodes QR codes from its frames on the device and reports the first one.
 * Frames are read and dropped at once; nothing is kept or sent.
 */
export function QrScanner({ label, onCode }: { label: string; onCode(text: string): void }) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const done = useRef(false);
  const report = useRef(onCode);
  report.current = onCode;

  useEffect(() => {
    if (!video) return undefined;
    const timer = window.setInterval(() => {
      if (done.current || video.readyState < 2) return;
      let text: string | null = null;
      try {
        text = decodeQr(frameImageData(video, 640));
      } catch {
        return; // no frame yet
      }
      if (text) {
        done.current = true;
        report.current(text);
      }
    }, SCAN_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [video]);

  return <CameraPreview label={label} onVideo={setVideo} />;
}
