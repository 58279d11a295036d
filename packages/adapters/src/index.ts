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
export { ADAPTER_KINDS, encodeInputs, type AdapterInput } from './adapter.js';
export { fitSensor, sensorFromJSON } from './sensor/sensor-adapter.js';
export type {
  SensorAdapter,
  SensorAdapterState,
  SensorChannelState,
  SensorSample,
  SensorWindow,
  SlidingWindow,
  SlidingWindowStats,
  FitSensorOptions,
  InvalidReadingPolicy,
  OutOfOrderPolicy,
} from './sensor/types.js';
export { fitImage, imageFromJSON } from './image/image-adapter.js';
export type {
  ImageAdapter,
  ImageAdapterState,
  ImageChannels,
  ImageInput,
  ImageLike,
  FitImageOptions,
  DrawableImage,
  ImageBitmapLike,
  ImageElementLike,
  VideoElementLike,
  CanvasLike,
  VideoFrameLike,
} from './image/types.js';
export {
  CSV_PARSE_OPTIONS, CsvTableReader, describeCsvParseError, listColumns, requireCsvColumns,
  type CsvRecords, type CsvParseErrorLike, type ErrorClass,
} from './csv-table.js';
export { loadAdapter } from './load-adapter.js';
