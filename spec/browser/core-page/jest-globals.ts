/**
 * What the browser bundle gets for `@jest/globals` (esbuild resolves the import here): the runner's
 * `describe`/`it`/`test`/hooks and the browser `expect`.
 */
export { afterAll, afterEach, beforeAll, beforeEach, describe, it, test } from './spec-runner.js';
export { expect } from './expect.js';
