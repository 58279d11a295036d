/**
 * `loadAdapter`: rebuild a fitted adapter from its manifest state, loading the image adapter's code
 * only for image models, so a browser bundle that scores tables or series does not carry it.
 */
import { ADAPTER_KINDS, type Adapter, type AdapterState } from './adapter.js';
import { AdapterInputError } from './errors.js';
import { sensorFromJSON } from './sensor/sensor-adapter.js';
import { tabularFromJSON } from './tabular/tabular-adapter.js';

/** Like `adapterFromJSON`, but the image adapter is imported on demand (a separate chunk in bundles). */
export async function loadAdapter(state: AdapterState): Promise<Adapter> {
  switch (state?.kind) {
    case 'tabular':
      return tabularFromJSON(state);
    case 'sensor':
      return sensorFromJSON(state);
    case 'image':
      return (await import('./image/image-adapter.js')).imageFromJSON(state);
    default:
      throw new AdapterInputError(
        `adapter.kind: expected ${ADAPTER_KINDS.slice(0, -1).map((k) => `'${k}'`).join(', ')} or '${ADAPTER_KINDS.at(-1)}', ` +
          `got ${JSON.stringify((state as { kind?: unknown })?.kind)}`,
      );
  }
}
