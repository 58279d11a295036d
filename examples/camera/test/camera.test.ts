import { describe, expect, it } from 'vitest';
import { cameraError } from '../src/camera.js';

const domError = (name: string): DOMException => new DOMException('from the browser', name);

describe('camera errors', () => {
  it('tells permission denied, no camera and a busy camera apart', () => {
    expect(cameraError(domError('NotAllowedError'))).toMatchObject({ reason: 'denied', message: expect.stringMatching(/^Camera permission denied: /) });
    expect(cameraError(domError('NotFoundError'))).toMatchObject({ reason: 'no-camera', message: expect.stringMatching(/^No camera found: /) });
    expect(cameraError(domError('OverconstrainedError')).reason).toBe('no-camera');
    expect(cameraError(domError('NotReadableError')).reason).toBe('busy');
  });

  it('keeps the browser\'s words for anything else', () => {
    const err = cameraError(new TypeError('bad constraints'));
    expect(err.reason).toBe('failed');
    expect(err.message).toBe('The camera could not be opened (TypeError: bad constraints).');
  });
});
