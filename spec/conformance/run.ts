/**
 * `npm run conformance`: replays the public conformance material in `../shared/conformance` (or the folder
 * named by `CONFORMANCE_DIR`) through the library. To add a suite, import it and append it to `suites`.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sseVectorsSuite } from './sse-vectors.js';
import { openaiStreamsChatSuite } from './openai-streams-chat.js';
import { openaiStreamsResponsesSuite } from './openai-streams-responses.js';

/** What one suite reports. */
export interface SuiteResult {
  passed: number;
  failed: number;
}

/** A conformance suite: prints one line per case and returns its counts. */
export interface ConformanceSuite {
  name: string;
  run(dir: string): Promise<SuiteResult>;
}

const suites: ConformanceSuite[] = [sseVectorsSuite, openaiStreamsChatSuite, openaiStreamsResponsesSuite];

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = process.env['CONFORMANCE_DIR']
  ? resolve(process.env['CONFORMANCE_DIR'])
  : resolve(projectRoot, '..', 'shared', 'conformance');

async function main(): Promise<number> {
  if (!existsSync(dir)) {
    console.log(`Conformance folder not found (${dir}): nothing to run.`);
    return 0;
  }
  let passed = 0;
  let failed = 0;
  for (const suite of suites) {
    console.log(`\n# ${suite.name}`);
    const result = await suite.run(dir);
    console.log(`${suite.name}: ${result.passed} passed, ${result.failed} failed`);
    passed += result.passed;
    failed += result.failed;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
