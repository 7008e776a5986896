import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Demo data is pure and deterministic: no I/O, and no randomness or clock except through src/random.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['fs', 'node:*', 'http', 'https', 'net', 'child_process'], message: 'Demo data does no I/O.' }] },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG in src/random so that rows are reproducible.' },
        { object: 'Date', property: 'now', message: 'Pass `today` in; only the default in generateMembers may read the clock.' },
      ],
    },
  },
);
