import type { core } from 'zod/mini';
import { compileParser } from '../../json/compile-parser.js';
import { INVALID, withFastParser, type Parser } from '../../json/with-fast-parser.js';

// Why: a streamed chat completion parses one chunk per token, so its schema is the hottest code after
// JSON.parse. The generic compiled parser reads properties by variable names, which V8 cannot specialise;
// this one names them, for the three levels every chunk has (chunk, choice, delta), and leaves tool calls,
// logprobs, usage and the legacy function_call to the compiled parsers of their own schemas. It accepts
// exactly what the schema accepts (spec/chat/schemas/chat-chunk.spec.ts checks it against zod's runtime)
// and gives up (`INVALID`) on anything else, so that zod reports the issues.

type Schema = core.$ZodType;
type Input = Record<string, unknown>;

const CHUNK_KEYS = [
  'id',
  'object',
  'created',
  'model',
  'system_fingerprint',
  'service_tier',
  'choices',
  'usage',
];
const CHOICE_KEYS = ['index', 'delta', 'finish_reason', 'logprobs'];
const DELTA_KEYS = ['role', 'content', 'refusal', 'reasoning_content', 'tool_calls', 'function_call'];

const defOf = (schema: Schema) => schema._zod.def as unknown as Record<string, unknown>;
const shapeOf = (schema: Schema) => defOf(schema)['shape'] as Record<string, Schema>;
const innerOf = (schema: Schema, key: 'innerType' | 'element') => defOf(schema)[key] as Schema;
const sameKeys = (schema: Schema, keys: string[]) => Object.keys(shapeOf(schema)).join() === keys.join();

/** What zod accepts as an object: anything but `null` and arrays. Keys are read as zod reads them. */
const isObject = (value: unknown): value is Input =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nullishString = (value: unknown) => value == null || typeof value === 'string';
const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/** Copies the keys a loose object does not declare, by reference, as zod does. */
function copyUnknown(input: Input, out: Input, known: Set<string>): Input {
  for (const key in input) if (!known.has(key) && key !== '__proto__') out[key] = input[key];
  return out;
}

/**
 * Builds the chunk parser for `schema`, or the generic one if its shape is not the one written here.
 *
 * @internal
 */
export function chunkParser(schema: Schema): Parser {
  const chunkShape = shapeOf(schema);
  const choice = innerOf(innerOf(chunkShape['choices']!, 'innerType'), 'element');
  const delta = innerOf(shapeOf(choice)['delta']!, 'innerType');
  if (!sameKeys(schema, CHUNK_KEYS) || !sameKeys(choice, CHOICE_KEYS) || !sameKeys(delta, DELTA_KEYS))
    return compileParser(schema);
  const usage = compileParser(chunkShape['usage']!);
  const logprobs = compileParser(shapeOf(choice)['logprobs']!);
  const toolCalls = compileParser(shapeOf(delta)['tool_calls']!);
  const functionCall = compileParser(shapeOf(delta)['function_call']!);
  const chunkKeys = new Set(CHUNK_KEYS);
  const choiceKeys = new Set(CHOICE_KEYS);
  const deltaKeys = new Set(DELTA_KEYS);

  const parseDelta = (input: unknown): unknown => {
    if (!isObject(input)) return INVALID;
    const out: Input = {};
    let v = input['role'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'role' in input) out['role'] = v;
    v = input['content'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'content' in input) out['content'] = v;
    v = input['refusal'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'refusal' in input) out['refusal'] = v;
    v = input['reasoning_content'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'reasoning_content' in input) out['reasoning_content'] = v;
    v = input['tool_calls'];
    if (v !== undefined || 'tool_calls' in input) {
      if ((v = toolCalls(v)) === INVALID) return INVALID;
      out['tool_calls'] = v;
    }
    v = input['function_call'];
    if (v !== undefined || 'function_call' in input) {
      if ((v = functionCall(v)) === INVALID) return INVALID;
      out['function_call'] = v;
    }
    return copyUnknown(input, out, deltaKeys);
  };

  const parseChoice = (input: unknown): unknown => {
    if (!isObject(input)) return INVALID;
    const out: Input = {};
    let v = input['index'];
    if (v === undefined) out['index'] = 0;
    else if (finite(v)) out['index'] = v;
    else return INVALID;
    v = input['delta'];
    if (v === undefined) out['delta'] = {};
    else if ((out['delta'] = parseDelta(v)) === INVALID) return INVALID;
    v = input['finish_reason'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'finish_reason' in input) out['finish_reason'] = v;
    v = input['logprobs'];
    if (v !== undefined || 'logprobs' in input) {
      if ((v = logprobs(v)) === INVALID) return INVALID;
      out['logprobs'] = v;
    }
    return copyUnknown(input, out, choiceKeys);
  };

  return (input) => {
    if (!isObject(input)) return INVALID;
    const out: Input = {};
    let v = input['id'];
    if (v === undefined) out['id'] = '';
    else if (typeof v === 'string') out['id'] = v;
    else return INVALID;
    v = input['object'];
    if (v === undefined) out['object'] = 'chat.completion.chunk';
    else if (typeof v === 'string') out['object'] = v;
    else return INVALID;
    v = input['created'];
    if (v === undefined) out['created'] = 0;
    else if (finite(v)) out['created'] = v;
    else return INVALID;
    v = input['model'];
    if (v === undefined) out['model'] = '';
    else if (typeof v === 'string') out['model'] = v;
    else return INVALID;
    v = input['system_fingerprint'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'system_fingerprint' in input) out['system_fingerprint'] = v;
    v = input['service_tier'];
    if (!nullishString(v)) return INVALID;
    if (v !== undefined || 'service_tier' in input) out['service_tier'] = v;
    v = input['choices'];
    if (v === undefined) out['choices'] = [];
    else if (!Array.isArray(v)) return INVALID;
    else {
      const choices = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) if ((choices[i] = parseChoice(v[i])) === INVALID) return INVALID;
      out['choices'] = choices;
    }
    v = input['usage'];
    if (v !== undefined || 'usage' in input) {
      if ((v = usage(v)) === INVALID) return INVALID;
      out['usage'] = v;
    }
    return copyUnknown(input, out, chunkKeys);
  };
}

/**
 * The chat chunk schema with its hand-written fast path, built on its first parse. Same type, same
 * issues, same output as the schema alone.
 *
 * @internal
 */
/*#__NO_SIDE_EFFECTS__*/
export function withChunkParser<T extends Schema>(schema: T): T {
  return withFastParser(schema, chunkParser);
}
