/**
 * `loadAdapter`: rebuild a fitted adapter from its manifest state, loading the image adapter's code
 * only for image models, so a browser bundle that scores tables or series does not carry it.
 */
import { unknownAdapterKind, type Adapter, type AdapterState } from './adapter.js';
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
      throw unknownAdapterKind(state);
  }
}
