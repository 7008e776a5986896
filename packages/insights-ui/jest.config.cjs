module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // recharts and its helpers ship ESM; let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|recharts|d3-|internmap|es-toolkit|immer|reselect|redux|@reduxjs|react-redux|victory-vendor|eventemitter3|decimal\\.js-light|tiny-invariant|clsx|use-sync-external-store)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
