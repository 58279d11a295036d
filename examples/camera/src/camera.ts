/**
 * Opening the camera, and saying plainly why it did not open: no camera API (an insecure page), no
 * camera, permission denied, a camera another application holds.
 */

/** What the page asks for: 320x240 is plenty for a 64x64 model and cheap to read back. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = { video: { width: 320, height: 240 }, audio: false };

/** A camera that could not be opened; `reason` says which case it is (for the page and tests). */
export class CameraError extends Error {
  override readonly name = 'CameraError';

  constructor(readonly reason: 'unsupported' | 'no-camera' | 'denied' | 'busy' | 'failed', message: string) {
    super(message);
  }
}

/** The page's message for a getUserMedia failure. */
export function cameraError(err: unknown): CameraError {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  const detail = err instanceof Error || err instanceof DOMException ? `${err.name}: ${err.message}` : String(err);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraError('denied', 'Camera permission denied: allow this page to use the camera (the camera icon in the address bar) and reload.');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CameraError('no-camera', 'No camera found: connect a camera and reload.');
    case 'NotReadableError':
    case 'AbortError':
      return new CameraError('busy', 'The camera could not be started: another application may be using it. Close it and reload.');
    default:
      return new CameraError('failed', `The camera could not be opened (${detail}).`);
  }
}

/** Open the camera and play it in `video`; throws a CameraError with the page's message. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') {
    throw new CameraError('unsupported', 'This browser offers this page no camera: open it over https:// or from localhost, in a browser with getUserMedia.');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
  } catch (err) {
    throw cameraError(err);
  }
  video.srcObject = stream;
  await new Promise<void>((resolve) => {
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) resolve();
    else video.addEventListener('loadeddata', () => resolve(), { once: true });
  });
  await video.play();
  return stream;
}
