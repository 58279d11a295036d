/**
 * Serialises async jobs: one ONNX run per session at a time (ONNX Runtime web does not promise that
 * overlapping runs of one session are safe), so concurrent `score()` calls wait their turn.
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
