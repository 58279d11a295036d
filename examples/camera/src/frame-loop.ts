/**
 * The frame pipeline, one frame in flight: a frame is grabbed only once the previous frame's result
 * is back, and only if the camera has shown a frame since the last grab. If one arrived while the
 * previous frame was being scored, the next grab starts at once; otherwise on the camera's next
 * frame. So frames never queue up behind a slow model, and no frame is scored twice.
 *
 * The loop knows nothing of the DOM: `videoFrames(video)` (below) is the browser's frame clock.
 */

/** What the frame clock says about one camera frame. */
export interface FrameInfo {
  /** The frame's presentation time on the video's timeline, in seconds (a camera's capture clock). */
  mediaTime: number;
}

export interface FrameLoopOptions<F> {
  /** Call `onFrame` for every new camera frame until the returned function is called. */
  subscribe(onFrame: (info: FrameInfo) => void): () => void;
  /** Take the frame on show now. */
  grab(): Promise<F>;
  /** Score and show one grabbed frame (and release it). */
  process(frame: F, info: FrameInfo): Promise<void>;
  /** A grab or process failed: the loop has stopped. */
  onError(err: unknown): void;
}

export interface FrameLoop {
  stop(): void;
}

export function startFrameLoop<F>(options: FrameLoopOptions<F>): FrameLoop {
  let latest: FrameInfo | undefined; // the newest frame not yet grabbed
  let busy = false;
  let stopped = false;

  const step = async (): Promise<void> => {
    while (!stopped && latest !== undefined && !busy) {
      const info = latest;
      latest = undefined;
      busy = true;
      try {
        await options.process(await options.grab(), info);
      } catch (err) {
        loop.stop();
        options.onError(err);
      } finally {
        busy = false;
      }
    }
  };
  const unsubscribe = options.subscribe((info) => {
    latest = info;
    void step();
  });
  const loop: FrameLoop = {
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };
  return loop;
}

/** The video element's frame clock: requestVideoFrameCallback, or animation frames where it is missing. */
export function videoFrames(video: HTMLVideoElement): FrameLoopOptions<unknown>['subscribe'] {
  return (onFrame) => {
    let handle = 0;
    if (typeof video.requestVideoFrameCallback === 'function') {
      const tick = (_now: number, meta: VideoFrameCallbackMetadata): void => {
        handle = video.requestVideoFrameCallback(tick);
        onFrame({ mediaTime: meta.mediaTime });
      };
      handle = video.requestVideoFrameCallback(tick);
      return () => video.cancelVideoFrameCallback(handle);
    }
    // Without it, each animation frame counts as a new frame (a frame may then be scored twice).
    const tick = (): void => {
      handle = requestAnimationFrame(tick);
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) onFrame({ mediaTime: video.currentTime });
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  };
}
