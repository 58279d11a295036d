/** Raised for input a caller can fix: wrong shapes, types, options or a disposed detector. */
export class DetectorInputError extends Error {
  override readonly name = 'DetectorInputError';
}
