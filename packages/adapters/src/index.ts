export { AdapterInputError } from './errors.js';
export { fitTabular, tabularFromJSON } from './tabular/tabular-adapter.js';
export type {
  TabularAdapter,
  TabularAdapterState,
  TabularRecord,
  FitTabularOptions,
  ColumnState,
  NumericColumnState,
  CategoricalColumnState,
  BooleanColumnState,
  FeatureGroup,
  InvalidValuePolicy,
} from './tabular/types.js';
export { adapterFromJSON, type AdapterState, type Adapter } from './adapter.js';
