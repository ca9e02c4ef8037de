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
  // Most specs wait on loopback sockets and short timers, not the CPU: four workers keep two cores busy.
  maxWorkers: 4,
};
