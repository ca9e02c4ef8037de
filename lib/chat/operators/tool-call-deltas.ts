import { Observable, type OperatorFunction } from 'rxjs';
import type { ChatCompletionChunk } from '../schemas/index.js';
import { ChatAccumulator, type CallChange } from './chat-accumulator.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotMessage } from './chat-completion-snapshot.js';
import { createPartialJSONParser, type PartialJSONParser } from '../../json/partial-json.js';
import type { ToolCallInfo } from './tool-calls.js';
import { functionCallId } from './tool-call-merge.js';

/**
 * A streaming preview of a tool call, as {@link toolCallDeltas} emits it: what this chunk added
 * (`argumentsDelta`), the arguments so far, and `partial`, the best-effort value of the incomplete JSON
 * (see {@link createPartialJSONParser}: numbers and literals appear only once complete, and once something
 * parsed it never becomes `undefined` again). `partial` is built when first read and never changes
 * afterwards, even if read after later events. Reading it costs O(1) whatever the width and depth of the
 * value, so reading it on every event keeps the total work linear: arrays and objects still open are read-only views (Proxies) fixed at
 * that event, complete ones are plain frozen values shared between events (see
 * {@link createPartialJSONParser}; a view cannot be structured-cloned, `JSON.stringify` it instead).
 *
 * @example
 * ```ts
 * import type { ToolCallDelta } from 'rxjs-openai-stream';
 *
 * const preview = (delta: ToolCallDelta) => `${delta.name}: ${JSON.stringify(delta.partial ?? {})}`;
 * ```
 */
export interface ToolCallDelta extends ToolCallInfo {
  argumentsDelta: string;
  arguments: string;
  partial: unknown;
}

interface CallProgress {
  parser: PartialJSONParser;
  arguments: string;
}

/**
 * Emits a preview of every tool call as it streams: once when a call starts (its name known,
 * `argumentsDelta: ''`) and then on every non-empty arguments delta, with the partial JSON value parsed
 * incrementally (total work linear in the arguments' length, also when `partial` is read on every event).
 * Works for parallel calls, `n > 1` (every event names its `choice`) and the legacy `function_call`
 * (`kind: 'function_call'`). `argumentsDelta` is the chunk's fragment as sent: fragments are concatenated,
 * as the official SDK does.
 *
 * ```
 * chunks: --{call 0 get_weather ""}--{call 0 "{\"city\":\"Pa"}--{call 0 "ris\"}"}--|
 * toolCallDeltas()
 * out:    --a-------------------------b----------------------------c----------------|
 *           a.partial = undefined, b.partial = { city: 'Pa' }, c.partial = { city: 'Paris' }
 * ```
 *
 * @returns An operator from chunks to previews.
 *
 * @example
 * ```ts
 * import { createClient, toolCallDeltas } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Write the file' }], stream: true,
 *     tools: [{ type: 'function', function: { name: 'write_file', parameters: { type: 'object' } } }] })
 *   .pipe(toolCallDeltas())
 *   .subscribe((delta) => console.log(delta.name, delta.partial));
 * ```
 */
export function toolCallDeltas(): OperatorFunction<ChatCompletionChunk, ToolCallDelta> {
  return (source) =>
    new Observable<ToolCallDelta>((subscriber) => {
      const accumulator = new ChatAccumulator({ trackChanges: true });
      const progress = new Map<string, CallProgress>();
      return source.subscribe({
        next(chunk) {
          // A malformed chunk (or anything else that throws) fails the stream, never ends it silently.
          try {
            const snapshot = accumulator.push(chunk);
            for (const change of accumulator.changes) {
              if (!change.created && change.appended === '') continue;
              const key = `${change.choice}:${change.kind}:${change.position}`;
              let call = progress.get(key);
              if (!call) progress.set(key, (call = { parser: createPartialJSONParser(), arguments: '' }));
              call.arguments += change.appended;
              call.parser.feed(change.appended);
              subscriber.next(preview(snapshot, change, call));
            }
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

/** The event for one change; `partial` is an own getter over the parser's checkpoint (built on first read). */
function preview(snapshot: ChatCompletionSnapshot, change: CallChange, call: CallProgress): ToolCallDelta {
  const read = call.parser.checkpoint();
  let message: ChatCompletionSnapshotMessage | undefined;
  for (const choice of snapshot.choices) if (choice.index === change.choice) message = choice.message;
  const legacy = change.kind === 'function_call';
  const tool = legacy ? undefined : message?.tool_calls?.[change.position];
  // One literal, no spread: `{ ...a, b }` with new keys is a slow path in V8.
  return {
    choice: change.choice,
    index: tool?.index ?? change.position,
    id: tool?.id ?? functionCallId(snapshot, change.choice),
    type: tool?.type ?? 'function',
    kind: change.kind,
    name: (legacy ? message?.function_call?.name : tool?.function.name) ?? '',
    argumentsDelta: change.appended,
    arguments: call.arguments,
    get partial() {
      return read();
    },
  };
}
