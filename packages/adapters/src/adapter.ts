import { AdapterInputError } from './errors.js';
import { imageFromJSON } from './image/image-adapter.js';
import type { ImageAdapter, ImageAdapterState, ImageInput } from './image/types.js';
import { sensorFromJSON } from './sensor/sensor-adapter.js';
import type { SensorAdapter, SensorAdapterState, SensorWindow } from './sensor/types.js';
import { tabularFromJSON } from './tabular/tabular-adapter.js';
import type { TabularAdapter, TabularAdapterState, TabularRecord } from './tabular/types.js';

/** The fitted state of any adapter, as stored in a model manifest (`manifest.adapter`). */
export type AdapterState = TabularAdapterState | SensorAdapterState | ImageAdapterState;

/** Any fitted adapter. */
export type Adapter = TabularAdapter | SensorAdapter | ImageAdapter;

/** The adapter kinds this version can rebuild from a manifest. */
export const ADAPTER_KINDS = Object.freeze(['tabular', 'sensor', 'image'] as const);

/** One raw model input: a record for a tabular adapter, a window for a sensor adapter, an image for an image adapter. */
export type AdapterInput = TabularRecord | SensorWindow | ImageInput;

/** `'a', 'b' or 'c'`. */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** Rebuild a fitted adapter from its manifest state, whatever its kind. */
export function adapterFromJSON(state: AdapterState): Adapter {
  switch (state?.kind) {
    case 'tabular':
      return tabularFromJSON(state);
    case 'sensor':
      return sensorFromJSON(state);
    case 'image':
      return imageFromJSON(state);
    default:
      throw unknownAdapterKind(state);
  }
}

/** The error for a state whose `kind` this version cannot rebuild. */
export function unknownAdapterKind(state: unknown): AdapterInputError {
  return new AdapterInputError(
    `adapter.kind: expected ${quotedList(ADAPTER_KINDS)}, got ${JSON.stringify((state as { kind?: unknown })?.kind)}`,
  );
}

/**
 * Encode raw inputs with any adapter: records for a tabular adapter, windows for a sensor adapter,
 * images for an image adapter. The adapter checks the inputs and throws `AdapterInputError` for the
 * wrong kind.
 */
export function encodeInputs(adapter: Adapter, inputs: readonly AdapterInput[]): Float32Array {
  switch (adapter.kind) {
    case 'sensor':
      return adapter.encode(inputs as readonly SensorWindow[]);
    case 'image':
      return adapter.encode(inputs as readonly ImageInput[]);
    default:
      return adapter.encode(inputs as readonly TabularRecord[]);
  }
}
