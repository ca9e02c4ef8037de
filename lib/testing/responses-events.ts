import { DEFAULT_STORY } from './default-story.js';
import { estimateTokens, splitTokens, type ReplyContext } from './frames.js';
import type { MockResponsesFailure, MockResponsesReply } from './responses-reply.js';

type Json = Record<string, unknown>;

/**
 * The scripted life of one Responses API response: its events (with sequence numbers) and objects.
 * @internal
 */
export interface ResponseScript {
  id: string;
  events: Json[];
  /** The object a non-streamed POST returns (queued for background responses). */
  initial: Json;
  /** The object at the end of the stream. */
  final: Json;
}

function outputItems(reply: MockResponsesReply, ctx: ReplyContext): Array<{ item: Json; events: Json[] }> {
  const items: Array<{ item: Json; events: Json[] }> = [];
  const add = (item: Json, body: (itemId: string, outputIndex: number) => Json[], done: Json): void => {
    const outputIndex = items.length;
    const itemId = item.id as string;
    items.push({
      item: done,
      events: [
        { type: 'response.output_item.added', output_index: outputIndex, item },
        ...body(itemId, outputIndex),
        { type: 'response.output_item.done', output_index: outputIndex, item: done },
      ],
    });
  };
  if (reply.reasoning !== undefined) {
    const text = reply.reasoning;
    const item = { id: ctx.nextId('rs_mock'), type: 'reasoning', summary: [] };
    const part = (t: string): Json => ({ type: 'summary_text', text: t });
    add(
      item,
      (item_id, output_index) => {
        const at = { item_id, output_index, summary_index: 0 };
        return [
          { type: 'response.reasoning_summary_part.added', ...at, part: part('') },
          ...splitTokens(text, reply.tokenSize).map((delta) => ({
            type: 'response.reasoning_summary_text.delta',
            ...at,
            delta,
          })),
          { type: 'response.reasoning_summary_text.done', ...at, text },
          { type: 'response.reasoning_summary_part.done', ...at, part: part(text) },
        ];
      },
      { ...item, summary: [part(text)] },
    );
  }
  const text =
    reply.text ?? (reply.functionCalls?.length || reply.refusal !== undefined ? '' : DEFAULT_STORY);
  const parts: Array<{
    part: (value: string) => Json;
    key: 'text' | 'refusal';
    kind: string;
    value: string;
  }> = [];
  if (text !== '')
    parts.push({
      part: (t) => ({ type: 'output_text', annotations: [], logprobs: [], text: t }),
      key: 'text',
      kind: 'output_text',
      value: text,
    });
  if (reply.refusal !== undefined)
    parts.push({
      part: (t) => ({ type: 'refusal', refusal: t }),
      key: 'refusal',
      kind: 'refusal',
      value: reply.refusal,
    });
  if (parts.length) {
    const item = {
      id: ctx.nextId('msg_mock'),
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    add(
      item,
      (item_id, output_index) =>
        parts.flatMap(({ part, key, kind, value }, content_index) => {
          const at = { item_id, output_index, content_index };
          const extra = key === 'text' ? { logprobs: [] } : {};
          return [
            { type: 'response.content_part.added', ...at, part: part('') },
            ...splitTokens(value, reply.tokenSize).map((delta) => ({
              type: `response.${kind}.delta`,
              ...at,
              delta,
              ...extra,
            })),
            { type: `response.${kind}.done`, ...at, [key]: value, ...extra },
            { type: 'response.content_part.done', ...at, part: part(value) },
          ];
        }),
      { ...item, status: 'completed', content: parts.map(({ part, value }) => part(value)) },
    );
  }
  for (const call of reply.functionCalls ?? []) {
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    const item = {
      id: ctx.nextId('fc_mock'),
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: call.id ?? ctx.nextId('call_mock'),
      name: call.name,
    };
    add(
      item,
      (item_id, output_index) => [
        ...splitTokens(args, reply.argsChunkSize ?? 8).map((delta) => ({
          type: 'response.function_call_arguments.delta',
          item_id,
          output_index,
          delta,
        })),
        {
          type: 'response.function_call_arguments.done',
          item_id,
          output_index,
          name: call.name,
          arguments: args,
        },
      ],
      { ...item, status: 'completed', arguments: args },
    );
  }
  return items;
}

function failure(reply: MockResponsesReply): MockResponsesFailure | undefined {
  return reply.errorEvent ?? reply.failed;
}

/**
 * Scripts a `responses` reply: the event sequence `response.created` .. `response.completed` (or
 * `failed` / `incomplete`), numbered from 0, and the initial and final response objects.
 * @internal
 */
export function scriptResponse(reply: MockResponsesReply, ctx: ReplyContext): ResponseScript {
  const id = reply.id ?? ctx.nextId('resp_mock');
  const model = reply.model ?? (typeof ctx.body.model === 'string' ? ctx.body.model : 'gpt-mock');
  const snapshot = (status: string, extra: Json = {}): Json => ({
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: reply.background ?? false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    metadata: {},
    ...extra,
  });
  const items = outputItems(reply, ctx);
  const body = items.flatMap((entry) => entry.events);
  const outputTokens = body.filter((event) => String(event.type).endsWith('.delta')).length;
  const inputTokens = estimateTokens(JSON.stringify(ctx.body.input ?? ''));
  const usage = reply.usage ?? {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
  const initial = snapshot(reply.background ? 'queued' : 'in_progress');
  const head: Json[] = [
    { type: 'response.created', response: initial },
    { type: 'response.in_progress', response: snapshot('in_progress') },
  ];
  const output = items.map((entry) => entry.item);
  const broken = failure(reply);
  let final: Json;
  let tail: Json[];
  if (broken) {
    const error = { code: broken.code ?? 'server_error', message: broken.message ?? 'Mock response failed.' };
    body.splice(broken.afterEvents ?? Math.floor(body.length / 2));
    final = snapshot('failed', { error, output: [] });
    tail = reply.errorEvent ? [{ type: 'error', ...error, param: null }] : [];
    tail.push({ type: 'response.failed', response: final });
  } else if (reply.incomplete) {
    const reason = (typeof reply.incomplete === 'object' && reply.incomplete.reason) || 'max_output_tokens';
    final = snapshot('incomplete', { incomplete_details: { reason }, output, usage });
    tail = [{ type: 'response.incomplete', response: final }];
  } else {
    final = snapshot('completed', { output, usage });
    tail = [{ type: 'response.completed', response: final }];
  }
  const events = [...head, ...body, ...tail].map((event, sequence_number) => ({ ...event, sequence_number }));
  return { id, events, initial: reply.background ? initial : final, final };
}
