// How fragments of streamed tool calls are matched to calls and merged. Every rule here exists because a
// real OpenAI-compatible server sends that shape.

import type { ChatCompletionChunkToolCall } from '../schemas/index.js';
import type { ChatCompletionSnapshot, ToolCallSnapshot } from './chat-completion-snapshot.js';
import { generatedCallId } from '../../json/generated-call-id.js';

// Argument fragments are always appended, as the official SDK does: a fragment that repeats the whole text
// so far (`{"children":[` twice) is valid nesting, so no rule may take it for a resend of the arguments.

/**
 * Merges a name fragment: missing, empty or repeated names keep the current one; a name that extends the
 * current one replaces it; anything else is appended (servers that stream the name in pieces, as the
 * Python guide's concatenation assumes).
 *
 * @internal
 */
export function mergeName(current: string, fragment: string | null | undefined): string {
  if (!fragment || fragment === current) return current;
  if (current === '' || fragment.startsWith(current)) return fragment;
  return current + fragment;
}

/**
 * Finds the position of the call a fragment belongs to, or -1 for a new call:
 * 1. by `index` (the most recent call with that server index), except that a different non-empty `id`
 *    on a reused index starts a new call (Ollama);
 * 2. without `index`, by `id`;
 * 3. without both, the most recent call.
 * A fragment with a different non-empty name, after the matched call's arguments began, also starts a
 * new call.
 *
 * @param rawIndexes - The server's `index` of each call, by position (`null` where it sent none).
 * @param rawIds - The server's `id` of each call, by position (`''` where it sent none yet).
 * @internal
 */
export function locateCall(
  rawIndexes: readonly (number | null)[],
  rawIds: readonly string[],
  calls: readonly ToolCallSnapshot[],
  fragment: ChatCompletionChunkToolCall,
): number {
  const id = fragment.id ?? '';
  let position = -1;
  if (fragment.index != null) {
    position = rawIndexes.lastIndexOf(fragment.index);
    if (position >= 0 && id !== '' && rawIds[position] && rawIds[position] !== id) return -1;
  } else if (id !== '') {
    position = rawIds.indexOf(id);
  } else {
    position = calls.length - 1;
  }
  const call = calls[position];
  const name = fragment.function?.name;
  if (
    call &&
    name &&
    call.function.arguments !== '' &&
    mergeName(call.function.name, name) !== call.function.name
  ) {
    return name.startsWith(call.function.name) ? position : -1;
  }
  return position;
}

/** The display index of a new call: the server's index, or the next free one if it is taken. @internal */
export function freeIndex(
  calls: readonly ToolCallSnapshot[],
  rawIndex: number | null | undefined,
  position: number,
): number {
  const wanted = rawIndex ?? position;
  if (!calls.some((call) => call.index === wanted)) return wanted;
  return Math.max(...calls.map((call) => call.index)) + 1;
}

/**
 * The id of the legacy `function_call` of a choice, which the API never gives one: generated like the id
 * of a tool call that came without one, so every operator names it alike.
 *
 * @internal
 */
export function functionCallId(snapshot: ChatCompletionSnapshot, choice: number): string {
  return generatedCallId(0, [snapshot.id, snapshot.created, choice, 'function_call']);
}
