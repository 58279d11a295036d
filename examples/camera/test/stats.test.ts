import { describe, expect, it } from 'vitest';
import { emptyStats, FpsMeter, recordFrame, RECENT_FRAMES, StageClock } from '../src/stats.js';

describe('page measurements', () => {
  it('measures frames per second over the last two seconds', () => {
    const meter = new FpsMeter(2000);
    expect(meter.fps()).toBe(0);
    for (let t = 0; t <= 1000; t += 50) meter.tick(t); // 20 frames/s
    expect(meter.fps()).toBeCloseTo(20, 6);
    for (let t = 1100; t <= 5000; t += 100) meter.tick(t); // then 10 frames/s
    expect(meter.fps()).toBeCloseTo(10, 6);
  });

  it('averages stage times over the recent frames', () => {
    const clock = new StageClock(2);
    clock.add({ grabMs: 1, scoreMs: 10, drawMs: 1 });
    clock.add({ grabMs: 3, scoreMs: 20, drawMs: 1 });
    expect(clock.add({ grabMs: 5, scoreMs: 30, drawMs: 4 })).toEqual({ grabMs: 4, scoreMs: 25, drawMs: 2.5 });
  });

  it('counts frames and anomalies, keeping the most recent frames', () => {
    const stats = emptyStats('http://x/models/camera.onnx');
    const timing = { grabMs: 1, scoreMs: 2, drawMs: 3 };
    for (let i = 0; i < RECENT_FRAMES + 5; i++) { // 605 frames, every even one flagged: 303
      recordFrame(stats, { mediaTime: i / 30, shownAt: i, score: i, pValue: 0.5, isAnomaly: i % 2 === 0 }, 30, timing);
    }
    expect(stats).toMatchObject({ frames: RECENT_FRAMES + 5, anomalies: 303, fps: 30, lastScore: RECENT_FRAMES + 4 });
    expect(stats.recent).toHaveLength(RECENT_FRAMES);
    expect(stats.recent[0]!.score).toBe(5);
  });
});
