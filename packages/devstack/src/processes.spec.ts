import fs from 'node:fs';
import path from 'node:path';
import { apiDir, apiNodeFlags } from './processes';

describe('the API node flags', () => {
  it('cap the heap, and the API package start script uses the same flags as npm start and the benchmarks', () => {
    const flags = apiNodeFlags();
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
    const start = (JSON.parse(fs.readFileSync(path.join(apiDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toBe(`node ${flags.join(' ')} dist/main.js`);
  });
});
