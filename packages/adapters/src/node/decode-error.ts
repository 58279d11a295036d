/** The error of the Node image helpers: a file (or buffer) that cannot be read as an image. */
import { AdapterInputError } from '../errors.js';

/**
 * Raised for bytes that are not a PNG or JPEG file, or that the decoder rejects, and for an image
 * file that cannot be read. The message starts with the file's name (or `buffer`) and says what was
 * expected: `photos/a.png: corrupt PNG (...): ...`. Its `name` stays `'AdapterInputError'` (the base
 * class fixes it), so code that handles adapter input errors by name handles this one too; tell it
 * apart with `instanceof ImageDecodeError` or by its `file`.
 */
export class ImageDecodeError extends AdapterInputError {
  /** The file (or `'buffer'`) at fault. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}
