/**
 * What image models add to a score result (maps, overlays, pixel explanations): loaded with the
 * model only when it is an image model, so bundles that score tables or series do not carry it.
 */
export { anomalyMapOf, hottestPixel } from './anomaly-map.js';
export { DEFAULT_PIXELS, explainPixels } from './explain-pixels.js';
export { renderOverlay } from './overlay.js';

/** The image module's functions, as handed to a score result. */
export type ImageSupport = typeof import('./index.js');
