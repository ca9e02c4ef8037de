// The state behind accumulateChatCompletion, toolCalls and toolCallDeltas. One accumulator lives per
// subscription; its bookkeeping is mutable, but every snapshot it hands out is a new object that is never
// touched again. Only the changed path (snapshot -> choice -> message -> tool call) is copied per chunk, and
// logprob lists are lazy views over an append-only array, so the total work stays linear in the stream
// (the lists of choices and of calls, copied on change, are bounded: see MAX_CHOICES).

import { StreamLimitError } from '../../errors/stream-limit-error.js';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChoiceLogprobs,
  CompletionUsage,
  TokenLogprob,
} from '../schemas/index.js';
import type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChoiceLogprobsSnapshot,
  ToolCallSnapshot,
} from './chat-completion-snapshot.js';
import { logprobsView } from './logprobs-view.js';
import { generatedCallId } from '../../json/generated-call-id.js';
import { freeIndex, locateCall, mergeName } from './tool-call-merge.js';

/** What one chunk did to a tool call (or the legacy function call). @internal */
export interface CallChange {
  choice: number;
  kind: 'tool_call' | 'function_call';
  /** Position in the choice's `tool_calls` (0 for a function call). */
  position: number;
  created: boolean;
  appended: string;
}

interface ChoiceState {
  snapshot: ChatCompletionSnapshotChoice;
  /** The server's index and id of each call, by position (the snapshot shows a generated id until one). */
  rawIndexes: (number | null)[];
  rawIds: string[];
  content: TokenLogprob[] | null;
  refusal: TokenLogprob[] | null;
}

const TOP_LEVEL = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
/**
 * Bounds that keep the work per chunk small: each chunk copies the list of choices and the changed choice's
 * list of calls (snapshots are immutable), so both lists must stay short. The API allows `n` of at most
 * 128, as the official SDK enforces; 1,024 calls are far more than any model makes in one message.
 */
const MAX_CHOICES = 128;
const MAX_TOOL_CALLS = 1024;
const CHOICE_LEVEL = new Set(['index', 'delta', 'finish_reason', 'logprobs']);

/** @internal */
export class ChatAccumulator {
  snapshot: ChatCompletionSnapshot | undefined;
  /**
   * Tool-call changes made by the last `push`; always empty unless the accumulator was built with
   * `trackChanges` (only `toolCallDeltas` reads them, so the others skip the bookkeeping).
   */
  changes: CallChange[] = [];
  private readonly trackChanges: boolean;
  private readonly states: ChoiceState[] = [];
  private choices: ChatCompletionSnapshotChoice[] = [];
  private id = '';
  private model = '';
  private created = 0;
  private usage: CompletionUsage | null = null;
  private readonly extras: Record<string, unknown> = {};
  private hasExtras = false;

  constructor(options: { trackChanges?: boolean } = {}) {
    this.trackChanges = options.trackChanges ?? false;
  }

  push(chunk: ChatCompletionChunk): ChatCompletionSnapshot {
    // A new array only when the last one was handed out with entries (a reader may still iterate it).
    if (this.changes.length) this.changes = [];
    let extras = false;
    for (const key in chunk) {
      if (TOP_LEVEL.has(key)) continue;
      const value = chunk[key];
      if (value != null || !(key in this.extras)) this.extras[key] = value;
      extras = true;
    }
    // Azure's first chunk has an empty id and model: the first non-empty value wins.
    this.id ||= chunk.id;
    this.model ||= chunk.model;
    this.created ||= chunk.created;
    if (chunk.usage) this.usage = chunk.usage;
    let changed = false;
    for (const choice of chunk.choices) changed = this.applyChoice(choice) || changed;
    if (changed) this.choices = this.states.map(snapshotOf);
    // Built property by property: `{ ...a, b }` with new keys is a slow path in V8.
    const snapshot: ChatCompletionSnapshot = {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: this.choices,
      usage: this.usage,
    };
    this.hasExtras ||= extras;
    if (this.hasExtras) for (const key in this.extras) snapshot[key] = this.extras[key];
    this.snapshot = snapshot;
    return snapshot;
  }

  private stateFor(index: number): { state: ChoiceState; created: boolean } {
    if (index >= MAX_CHOICES)
      throw new StreamLimitError({
        limit: 'choice index',
        value: index,
        maximum: MAX_CHOICES - 1,
        reason: `a request asks for n of at most ${MAX_CHOICES}`,
      });
    let at = 0;
    while (at < this.states.length && (this.states[at] as ChoiceState).snapshot.index < index) at++;
    const found = this.states[at];
    if (found?.snapshot.index === index) return { state: found, created: false };
    const message: ChatCompletionSnapshotMessage = { role: 'assistant', content: null, refusal: null };
    const state: ChoiceState = {
      snapshot: { index, message, finish_reason: null, logprobs: null },
      rawIndexes: [],
      rawIds: [],
      content: null,
      refusal: null,
    };
    this.states.splice(at, 0, state);
    return { state, created: true };
  }

  /** Applies one choice delta; returns whether the choice's snapshot changed. */
  private applyChoice(choice: ChatCompletionChunkChoice): boolean {
    const { state, created } = this.stateFor(choice.index);
    const prev = state.snapshot;
    const message = this.applyDelta(state, choice);
    let next: ChatCompletionSnapshotChoice | undefined;
    if (message !== prev.message) (next ??= { ...prev }).message = message;
    if (choice.finish_reason != null && choice.finish_reason !== prev.finish_reason)
      (next ??= { ...prev }).finish_reason = choice.finish_reason;
    if (choice.logprobs) {
      const logprobs = this.appendLogprobs(state, choice.logprobs);
      if (logprobs) (next ??= { ...prev }).logprobs = logprobs;
    }
    for (const key in choice) {
      const value = choice[key];
      if (!CHOICE_LEVEL.has(key) && value != null && value !== prev[key]) (next ??= { ...prev })[key] = value;
    }
    if (next) state.snapshot = next;
    return created || next !== undefined;
  }

  private applyDelta(state: ChoiceState, choice: ChatCompletionChunkChoice): ChatCompletionSnapshotMessage {
    const { delta } = choice;
    const prev = state.snapshot.message;
    // `delta.role` is not copied: the message is the assistant's (see ChatCompletionSnapshotMessage).
    let next: ChatCompletionSnapshotMessage | undefined;
    if (delta.content) (next ??= { ...prev }).content = (prev.content ?? '') + delta.content;
    if (delta.refusal) (next ??= { ...prev }).refusal = (prev.refusal ?? '') + delta.refusal;
    if (delta.reasoning_content)
      (next ??= { ...prev }).reasoning_content = (prev.reasoning_content ?? '') + delta.reasoning_content;
    if (delta.tool_calls?.length)
      (next ??= { ...prev }).tool_calls = this.mergeToolCalls(state, choice, prev.tool_calls ?? []);
    const fragment = delta.function_call;
    if (fragment) {
      const current = prev.function_call ?? { name: '', arguments: '' };
      const name = mergeName(current.name, fragment.name);
      const appended = fragment.arguments ?? '';
      if (!prev.function_call || name !== current.name || appended !== '') {
        (next ??= { ...prev }).function_call = { name, arguments: current.arguments + appended };
      }
      if (this.trackChanges)
        this.changes.push({
          choice: choice.index,
          kind: 'function_call',
          position: 0,
          created: !prev.function_call,
          appended,
        });
    }
    return next ?? prev;
  }

  private mergeToolCalls(
    state: ChoiceState,
    choice: ChatCompletionChunkChoice,
    prev: ToolCallSnapshot[],
  ): ToolCallSnapshot[] {
    const calls = prev.slice();
    for (const fragment of choice.delta.tool_calls ?? []) {
      let position = locateCall(state.rawIndexes, state.rawIds, calls, fragment);
      const created = position < 0;
      if (created) {
        if (calls.length >= MAX_TOOL_CALLS)
          throw new StreamLimitError({
            limit: `tool calls in choice ${choice.index}`,
            value: calls.length + 1,
            maximum: MAX_TOOL_CALLS,
            reason: 'more than any model makes in one message',
          });
        position = calls.length;
        const index = freeIndex(calls, fragment.index, position);
        state.rawIndexes.push(fragment.index ?? null);
        state.rawIds.push('');
        const id = generatedCallId(index, [this.id, this.created, choice.index, 'tool_call']);
        calls.push({ index, id, type: 'function', function: { name: '', arguments: '' } });
      }
      const call = calls[position] as ToolCallSnapshot;
      const rawId = (state.rawIds[position] ||= fragment.id ?? '');
      const name = mergeName(call.function.name, fragment.function?.name);
      const appended = fragment.function?.arguments ?? '';
      const unchangedFunction = name === call.function.name && appended === '';
      calls[position] = {
        index: call.index,
        id: rawId || call.id,
        type: call.type,
        function: unchangedFunction ? call.function : { name, arguments: call.function.arguments + appended },
      };
      if (this.trackChanges)
        this.changes.push({ choice: choice.index, kind: 'tool_call', position, created, appended });
    }
    return calls;
  }

  /** Appends a chunk's token lists; returns a new lazy view, or undefined when nothing changed. */
  private appendLogprobs(state: ChoiceState, logprobs: ChoiceLogprobs): ChoiceLogprobsSnapshot | undefined {
    let changed = false;
    if (logprobs.content) {
      changed ||= state.content === null || logprobs.content.length > 0;
      state.content ??= [];
      for (const token of logprobs.content) state.content.push(token);
    }
    if (logprobs.refusal) {
      changed ||= state.refusal === null || logprobs.refusal.length > 0;
      state.refusal ??= [];
      for (const token of logprobs.refusal) state.refusal.push(token);
    }
    if (!changed && state.snapshot.logprobs) return undefined;
    return logprobsView(state.content, state.refusal);
  }
}

function snapshotOf(state: ChoiceState): ChatCompletionSnapshotChoice {
  return state.snapshot;
}
