import { useEffect, useRef, useState } from 'preact/hooks';
import { useText } from '../app/context.js';
import { CameraError, closeCamera, openCamera, type CameraOptions, type CameraProblem } from './camera.js';

export interface CameraPreviewProps extends CameraOptions {
  /** Called once the video plays, with the element to grab frames from; null when it stops. */
  onVideo(video: HTMLVideoElement | null): void;
  /** Accessible name of the preview (what the guest should hold up to it). */
  label: string;
}

/**
 * A live camera preview that opens the camera when shown and always releases it when hidden, so the
 * camera light goes off the moment a guest leaves the step.
 */
export function CameraPreview({ onVideo, label, ...options }: CameraPreviewProps) {
  const t = useText();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const { facingMode, idealWidth, idealHeight } = options;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    void (async () => {
      try {
        stream = await openCamera({
          ...(facingMode ? { facingMode } : {}),
          ...(idealWidth ? { idealWidth } : {}),
          ...(idealHeight ? { idealHeight } : {}),
        });
        if (stopped || !video.current) return closeCamera(stream);
        video.current.srcObject = stream;
        await video.current.play();
        if (!stopped) onVideo(video.current);
      } catch (error) {
        if (!stopped) setProblem(error instanceof CameraError ? error.code : 'unavailable');
      }
    })();
    return () => {
      stopped = true;
      onVideo(null);
      closeCamera(stream);
    };
    // onVideo is the caller's callback: a new function identity must not restart the camera.
  }, [facingMode, idealWidth, idealHeight]);

  if (problem) {
    return (
      <p class="camera-problem" role="status">
        {t.cameraProblem[problem]}
      </p>
    );
  }
  return <video ref={video} class="camera-preview" aria-label={label} muted playsInline />;
}
