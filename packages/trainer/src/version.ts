/** This package's name and version, recorded as the producer of every model file. */
export const PRODUCER = { name: '@novae/trainer', version: '0.1.0' } as const;
