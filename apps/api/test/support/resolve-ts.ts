/**
 * jest's moduleNameMapper does not apply to globalSetup/globalTeardown, so the NodeNext-style
 * `./x.js` imports of src/ are mapped to their `.ts` sources here, for those two files only.
 */
import Module from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && parent?.filename) {
    const candidate = resolve(dirname(parent.filename), request.slice(0, -3) + '.ts');
    if (existsSync(candidate)) return candidate;
  }
  return original.call(this, request, parent, ...rest);
};
