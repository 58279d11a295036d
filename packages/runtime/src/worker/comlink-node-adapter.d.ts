// comlink ships its node adapter as ESM without a `.d.mts`; this is its declaration (node-adapter.d.ts).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export interface NodeEndpoint {
    postMessage(message: any, transfer?: any[]): void; // eslint-disable-line @typescript-eslint/no-explicit-any
    on(type: string, listener: (value: any) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
    off(type: string, listener: (value: any) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
    start?: () => void;
  }
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
