import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/** A package's manifest as Node resolves it from `from` (a package folder), through node_modules. */
const manifestOf = (name: string, from?: string) => {
  const path = findManifest(name, from ?? process.cwd());
  return { dir: dirname(path), pkg: JSON.parse(readFileSync(path, 'utf8')) as { version: string; peerDependencies?: Record<string, string> } };
};

function findManifest(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed`);
  }
}

/**
 * The dev build once served every module as HTTP 500 because the React plugin WXT loaded was
 * made for another major Vite than the one WXT runs. Production builds (and so the other tests)
 * did not notice. This checks the installed versions agree before anything is built.
 */
describe('toolchain', () => {
  it('runs WXT, its React module and vitest on one Vite that the React plugin supports', () => {
    const wxt = manifestOf('wxt');
    const viteOfWxt = manifestOf('vite', wxt.dir).pkg.version;
    const moduleReact = manifestOf('@wxt-dev/module-react');
    const pluginReact = manifestOf('@vitejs/plugin-react', moduleReact.dir).pkg;
    expect(semver.satisfies(viteOfWxt, pluginReact.peerDependencies!.vite!), `@vitejs/plugin-react ${pluginReact.version} wants vite ${pluginReact.peerDependencies!.vite}, WXT runs ${viteOfWxt}`).toBe(true);
    expect(semver.satisfies(viteOfWxt, wxt.pkg.peerDependencies?.vite ?? '*')).toBe(true);
    expect(manifestOf('vite', manifestOf('vitest').dir).pkg.version).toBe(viteOfWxt);
    expect(manifestOf('vite').pkg.version).toBe(viteOfWxt);
  });
});
