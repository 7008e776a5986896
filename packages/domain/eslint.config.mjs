import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The domain package is pure: no I/O, no frameworks. Keep it that way mechanically.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'libphonenumber-js', message: 'Use libphonenumber-js/min (see src/phone/phone.value.ts for why).' },
            { name: 'libphonenumber-js/max', message: 'Use libphonenumber-js/min (see src/phone/phone.value.ts for why).' },
          ],
          patterns: [
            { group: ['fs', 'node:*', 'http', 'https', 'net', 'child_process'], message: 'The domain package does no I/O.' },
            { group: ['@nestjs/*', 'typeorm', 'react', 'react-dom', 'pg', '@apollo/*'], message: 'The domain package is framework-free.' },
          ],
        },
      ],
    },
  },
);
