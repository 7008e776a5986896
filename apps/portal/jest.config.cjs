// Unit tests (src/**/*.spec.ts) and the end-to-end tests (e2e/*.e2e.ts: the built app, the real API and Chromium).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/e2e'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.e2e.ts'],
  testTimeout: 180000,
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@muster|libphonenumber-js)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
