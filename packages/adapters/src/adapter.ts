import { AdapterInputError } from './errors.js';
import { tabularFromJSON } from './tabular/tabular-adapter.js';
import type { TabularAdapter, TabularAdapterState } from './tabular/types.js';

/** The fitted state of any adapter, as stored in a model manifest (`manifest.adapter`). */
export type AdapterState = TabularAdapterState;

/** Any fitted adapter. */
export type Adapter = TabularAdapter;

/** Rebuild a fitted adapter from its manifest state, whatever its kind. */
export function adapterFromJSON(state: AdapterState): Adapter {
  switch (state?.kind) {
    case 'tabular':
      return tabularFromJSON(state);
    default:
      throw new AdapterInputError(
        `adapter.kind: expected 'tabular', got ${JSON.stringify((state as { kind?: unknown })?.kind)}`,
      );
  }
}
