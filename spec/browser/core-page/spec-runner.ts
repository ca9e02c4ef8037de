/**
 * A small jest-compatible registry and runner for the browser: `describe`, `it`/`test` and the four hooks
 * register into the current spec file (set by {@link enterFile}, which the bundle's entry calls before each
 * spec module evaluates); {@link runSpecs} runs them in jest's order and reports every test.
 */

type Fn = () => unknown;
type HookName = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';

interface Test {
  kind: 'test';
  name: string;
  fn: Fn;
  timeout: number | undefined;
}

interface Block {
  kind: 'block';
  name: string;
  children: Array<Block | Test>;
  hooks: Record<HookName, Fn[]>;
}

/** One test's outcome; `name` is `file › describe … › test`. */
export interface SpecResult {
  name: string;
  ok: boolean;
  detail?: string | undefined;
}

/** jest.config.js's `testTimeout`: an async test or hook that takes longer fails. */
const DEFAULT_TIMEOUT_MS = 20_000;

const files: Block[] = [];
let current: Block | undefined;

const block = (name: string): Block => ({
  kind: 'block',
  name,
  children: [],
  hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] },
});

/** Starts registering the tests of spec file `file`. */
export function enterFile(file: string): void {
  current = block(file);
  files.push(current);
}

function target(): Block {
  if (!current) enterFile('(unknown file)');
  return current as Block;
}

/** Groups tests; the body runs at once, as in jest. */
export function describe(name: string, body: () => void): void {
  const parent = target();
  const group = block(name);
  parent.children.push(group);
  current = group;
  try {
    const result: unknown = body();
    if (result instanceof Promise) throw new Error('a describe body must not return a promise');
  } catch (error) {
    group.children.push({
      kind: 'test',
      name: '(describe body)',
      fn: () => Promise.reject(error),
      timeout: 0,
    });
  } finally {
    current = parent;
  }
}

/** Registers a test; it may return a promise. */
export function it(name: string, fn: Fn, timeout?: number): void {
  target().children.push({ kind: 'test', name, fn, timeout });
}

export const test = it;
const hook =
  (name: HookName) =>
  (fn: Fn): void => {
    target().hooks[name].push(fn);
  };

export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

/** The number of tests registered per spec file. */
export function registeredTests(): Record<string, number> {
  const count = (group: Block): number =>
    group.children.reduce((sum, child) => sum + (child.kind === 'test' ? 1 : count(child)), 0);
  return Object.fromEntries(files.map((file) => [file.name, count(file)]));
}

async function call(fn: Fn, timeout = DEFAULT_TIMEOUT_MS): Promise<void> {
  if (fn.length > 0) throw new Error('done callbacks are not supported by the browser runner');
  const result = fn();
  if (!(result instanceof Promise)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Exceeded timeout of ${timeout} ms`)), timeout);
  });
  await Promise.race([result, expired]).finally(() => clearTimeout(timer));
}

function explain(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  return text.length > 1200 ? `${text.slice(0, 1200)}…` : text;
}

type Report = (result: SpecResult) => Promise<void> | void;

async function runTest(test: Test, path: string[], chain: Block[], report: Report): Promise<void> {
  let failure: unknown;
  let failed = false;
  try {
    for (const group of chain) for (const hook of group.hooks.beforeEach) await call(hook);
    await call(test.fn, test.timeout);
  } catch (error) {
    [failed, failure] = [true, error];
  }
  for (const group of [...chain].reverse())
    for (const hook of group.hooks.afterEach)
      await call(hook).catch((error: unknown) => {
        if (!failed) [failed, failure] = [true, error];
      });
  await report({ name: path.join(' › '), ok: !failed, detail: failed ? explain(failure) : undefined });
}

async function runBlock(group: Block, path: string[], outer: Block[], report: Report, setup?: unknown) {
  const chain = [...outer, group];
  let failedSetup = setup;
  if (setup === undefined)
    for (const hook of group.hooks.beforeAll) {
      try {
        await call(hook);
      } catch (error) {
        failedSetup = error ?? new Error('beforeAll failed');
        break;
      }
    }
  for (const child of group.children) {
    const childPath = [...path, child.name];
    if (child.kind === 'block') await runBlock(child, childPath, chain, report, failedSetup);
    else if (failedSetup !== undefined)
      await report({ name: childPath.join(' › '), ok: false, detail: `beforeAll: ${explain(failedSetup)}` });
    else await runTest(child, childPath, chain, report);
  }
  if (setup !== undefined) return;
  for (const hook of group.hooks.afterAll)
    await call(hook).catch((error: unknown) =>
      report({ name: [...path, '(afterAll)'].join(' › '), ok: false, detail: explain(error) }),
    );
}

/** Runs every registered test, file by file, in registration order, reporting each as it finishes. */
export async function runSpecs(report: Report): Promise<void> {
  for (const file of files) await runBlock(file, [file.name], [], report);
}
