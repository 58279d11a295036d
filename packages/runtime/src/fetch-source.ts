/**
 * Fetch a model file over HTTP(S) (browsers, workers, Node >= 20): a clear error, naming the URL,
 * on a network failure or an HTTP error status. Whether the bytes are a novae model is checked later.
 */
import { ManifestError } from './manifest.js';

export async function fetchModel(url: string | URL): Promise<Uint8Array> {
  const name = url instanceof URL ? url.href : url;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new ManifestError(`${name}: cannot fetch model file (${(err as Error).message})`);
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new ManifestError(`${name}: cannot fetch model file (HTTP ${status})`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** True for `http:`/`https:` URLs (and strings that spell one). */
export function isHttpUrl(source: string | URL): boolean {
  const text = source instanceof URL ? source.protocol : source.slice(0, 8).toLowerCase();
  return text.startsWith('http:') || text.startsWith('https:');
}
