/**
 * Jest runs TypeScript through ts-jest in native ESM mode (ky 2 is ESM-only), so `npm test` starts node
 * with --experimental-vm-modules.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testTimeout: 20000,
  // Many specs wait on loopback sockets, so four workers keep two cores busy: on 2 cores the suite took
  // 21 s with 4 workers, 22 s with 3 and 24 s with 2. Waits on timers run on a fake clock
  // (spec/helpers/virtual-time.ts); growth ratios at size are `npm run bench -- linearity`.
  maxWorkers: 4,
};
