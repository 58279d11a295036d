// A small static file server for the browser example and the real-browser tests: 127.0.0.1 only,
// with COOP/COEP headers so pages are crossOriginIsolated (SharedArrayBuffer, wasm threads).
// Usage: node examples/browser/serve.mjs [port]   (serves this example; see README section below)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv',
  '.onnx': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};

/** Headers every response carries: cross-origin isolation, and caching so a reload reuses the wasm. */
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'public, max-age=3600',
};

/** Map a URL path to a file under one of `mounts` ({ '/prefix/': '/abs/dir' }), or null. */
function fileFor(mounts, urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  for (const [prefix, dir] of Object.entries(mounts).sort((a, b) => b[0].length - a[0].length)) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (file !== resolve(dir) && !file.startsWith(resolve(dir) + sep)) return null;
    return file;
  }
  return null;
}

/** Start serving `mounts` on 127.0.0.1:`port` (0 = any free port). Resolves to { url, close }. */
export async function startStaticServer({ mounts, port = 0 }) {
  const server = createServer(async (req, res) => {
    let file = fileFor(mounts, req.url ?? '/');
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = file ? await stat(file) : null;
      if (!info?.isFile()) throw new Error('not found');
      res.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain' });
      res.end(`404 Not Found: ${req.url}\n`);
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/** The example's folders: the page, its app bundle, and the runtime's bundled flavour at /novae/. */
export function exampleMounts() {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return {
    '/': join(here, 'public'),
    '/app/': join(here, 'dist', 'bundle'),
    '/novae/': resolve(here, '../../packages/runtime/dist/bundle/bundled'),
    '/models/': join(here, 'models'),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await startStaticServer({ mounts: exampleMounts(), port });
  console.log(`novae browser example: ${url}/  (Ctrl-C to stop)`);
}
