/**
 * Typed arrays as transferables: an array that owns its whole buffer is moved as it is; a view into a
 * larger (or shared) buffer is copied first, so moving it never detaches memory the sender still uses.
 */
type Typed = Float32Array | Float64Array;

/** `array` itself when it owns its whole ArrayBuffer, else a compact copy that does. */
export function ownBuffer<T extends Typed>(array: T): T {
  const whole = array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
  return whole && array.buffer instanceof ArrayBuffer ? array : (array.slice() as T);
}

/** The distinct buffers behind `arrays` (a buffer listed twice would make postMessage throw). */
export function buffersOf(arrays: readonly Typed[]): ArrayBuffer[] {
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
