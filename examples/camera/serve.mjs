// Serve the camera page with the browser example's static server (127.0.0.1, COOP/COEP headers):
// / public/, /app/ the page's compiled modules, /novae/ the runtime's bundled flavour, /models/ models.
// Usage: node examples/camera/serve.mjs [port]     (after `npm run build` at the repo root)
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../browser/serve.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
export const MODELS_DIR = join(here, 'models');

/** The page's folders, for `startStaticServer({ mounts })`; tests swap /models/ for their own. */
export function cameraMounts() {
  return {
    '/': join(here, 'public'),
    '/app/': join(here, 'dist'),
    '/novae/': resolve(here, '../../packages/runtime/dist/bundle/bundled'),
    '/models/': MODELS_DIR,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await startStaticServer({ mounts: cameraMounts(), port });
  console.log(`novae camera example: ${url}/  (Ctrl-C to stop)`);
}
