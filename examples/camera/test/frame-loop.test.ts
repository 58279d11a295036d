import { describe, expect, it } from 'vitest';
import { startFrameLoop, type FrameInfo } from '../src/frame-loop.js';

/** A fake camera: `show()` presents frame n; the loop's grabs and processes are recorded. */
function harness(processMs: () => Promise<void>) {
  let onFrame: ((info: FrameInfo) => void) | undefined;
  let shown = 0;
  let inFlight = 0;
  const log = { grabbed: [] as number[], maxInFlight: 0, errors: [] as unknown[], unsubscribed: false };
  const loop = startFrameLoop<number>({
    subscribe(cb) {
      onFrame = cb;
      return () => { log.unsubscribed = true; };
    },
    async grab() {
      inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, inFlight);
      log.grabbed.push(shown);
      return shown;
    },
    async process() {
      await processMs();
      inFlight--;
    },
    onError: (err) => log.errors.push(err),
  });
  const show = (): void => {
    shown++;
    onFrame?.({ mediaTime: shown / 30 });
  };
  return { loop, log, show };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the frame loop', () => {
  it('scores each new frame once when the model keeps up', async () => {
    const { log, show } = harness(async () => {});
    for (let i = 0; i < 5; i++) {
      show();
      await tick();
    }
    expect(log.grabbed).toEqual([1, 2, 3, 4, 5]);
    await tick();
    expect(log.grabbed).toHaveLength(5); // nothing new shown: nothing grabbed
  });

  it('keeps one frame in flight and skips the frames shown meanwhile, taking the newest at once', async () => {
    const releases: (() => void)[] = [];
    const { log, show } = harness(() => new Promise<void>((resolve) => releases.push(resolve)));
    show();
    await tick();
    show();
    show();
    show(); // three frames while frame 1 is scored: only the newest is kept
    await tick();
    expect(log.grabbed).toEqual([1]);
    releases.shift()!();
    await tick();
    expect(log.grabbed).toEqual([1, 4]); // grabbed at once, without waiting for the next frame
    releases.shift()!();
    await tick();
    expect(log.grabbed).toEqual([1, 4]); // nothing new: waits for the camera
    show();
    await tick();
    expect(log.grabbed).toEqual([1, 4, 5]);
    expect(log.maxInFlight).toBe(1);
  });

  it('stops on an error and reports it', async () => {
    const { log, show } = harness(async () => { throw new Error('worker gone'); });
    show();
    await tick();
    show();
    await tick();
    expect(log.errors).toEqual([new Error('worker gone')]);
    expect(log.grabbed).toEqual([1]);
    expect(log.unsubscribed).toBe(true);
  });

  it('grabs nothing after stop()', async () => {
    const { loop, log, show } = harness(async () => {});
    loop.stop();
    show();
    await tick();
    expect(log.grabbed).toEqual([]);
    expect(log.unsubscribed).toBe(true);
  });
});
