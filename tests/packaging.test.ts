/**
 * What npm users get: each package passes publint (exports maps with types first, files that exist,
 * ESM done right), and @novae/runtime resolves to the right platform entry per condition.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const PACKAGES = ['adapters', 'runtime', 'trainer'];
const root = fileURLToPath(new URL('..', import.meta.url));

describe('packages', () => {
  for (const name of PACKAGES) {
    it(`@novae/${name} passes publint with no errors or warnings`, async () => {
      const pkgDir = `${root}packages/${name}`;
      const { messages } = await publint({ pkgDir, level: 'warning', strict: true });
      const pkg = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8'));
      expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
    });
  }

  it('@novae/runtime maps node, browser and default conditions to the right entries, types first', () => {
    const pkg = JSON.parse(readFileSync(`${root}packages/runtime/package.json`, 'utf8'));
    const main = pkg.exports['.'];
    expect(main.node).toEqual({ types: './dist/platform/node.d.ts', default: './dist/platform/node.js' });
    expect(main.browser.default).toBe('./dist/platform/browser.js');
    expect(Object.keys(main.browser)[0]).toBe('types');
    expect(pkg.exports['./worker'].node.default).toBe('./dist/worker/node.js');
    expect(pkg.exports['./worker'].browser.default).toBe('./dist/worker/browser.js');
    expect(pkg.exports['./webgpu'].default).toBe('./dist/platform/webgpu.js');
    expect(pkg.peerDependenciesMeta['onnxruntime-node'].optional).toBe(true);
  });

  it('the browser bundle (every module the browser entries reach) imports no Node built-in or onnxruntime-node', () => {
    const dir = `${root}packages/runtime/dist/bundle/external/`;
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('novae.js');
    for (const file of files) {
      const code = readFileSync(dir + file, 'utf8');
      expect(code, file).not.toMatch(/(from|import\()\s*["'](node:|fs["']|path["']|worker_threads|onnxruntime-node)/);
    }
  });
});
