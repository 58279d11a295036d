/**
 * Serialises async jobs: ONNX Runtime web rejects overlapping runs of one session, so concurrent
 * `score()` calls on one detector wait their turn instead of failing.
 */
export class RunQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Run `job` after every job queued before it has settled. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
