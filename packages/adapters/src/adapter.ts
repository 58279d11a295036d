import { AdapterInputError } from './errors.js';
import { sensorFromJSON } from './sensor/sensor-adapter.js';
import type { SensorAdapter, SensorAdapterState, SensorWindow } from './sensor/types.js';
import { tabularFromJSON } from './tabular/tabular-adapter.js';
import type { TabularAdapter, TabularAdapterState, TabularRecord } from './tabular/types.js';

/** The fitted state of any adapter, as stored in a model manifest (`manifest.adapter`). */
export type AdapterState = TabularAdapterState | SensorAdapterState;

/** Any fitted adapter. */
export type Adapter = TabularAdapter | SensorAdapter;

/** The adapter kinds this version can rebuild from a manifest. */
export const ADAPTER_KINDS = Object.freeze(['tabular', 'sensor'] as const);

/** One raw model input: a record for a tabular adapter, a window for a sensor adapter. */
export type AdapterInput = TabularRecord | SensorWindow;

/** Rebuild a fitted adapter from its manifest state, whatever its kind. */
export function adapterFromJSON(state: AdapterState): Adapter {
  switch (state?.kind) {
    case 'tabular':
      return tabularFromJSON(state);
    case 'sensor':
      return sensorFromJSON(state);
    default:
      throw new AdapterInputError(
        `adapter.kind: expected ${ADAPTER_KINDS.map((k) => `'${k}'`).join(' or ')}, ` +
          `got ${JSON.stringify((state as { kind?: unknown })?.kind)}`,
      );
  }
}

/**
 * Encode raw inputs with any adapter: records for a tabular adapter, windows for a sensor adapter.
 * The adapter checks the inputs and throws `AdapterInputError` for the wrong kind.
 */
export function encodeInputs(adapter: Adapter, inputs: readonly AdapterInput[]): Float32Array {
  return adapter.kind === 'sensor'
    ? adapter.encode(inputs as readonly SensorWindow[])
    : adapter.encode(inputs as readonly TabularRecord[]);
}
