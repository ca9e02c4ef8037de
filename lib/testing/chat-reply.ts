import { DEFAULT_STORY } from './default-story.js';
import {
  estimateTokens,
  jsonHeaders,
  sseFrame,
  splitTokens,
  streamHeaders,
  type ReplyContext,
} from './frames.js';
import type { MockChatReply, MockUsage } from './types.js';
import type { ReplyPlan } from './write-plan.js';

type Delta = Record<string, unknown>;

interface ChoiceScript {
  index: number;
  text: string | null;
  deltas: Delta[];
  toolCalls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
}

const argsText = (value: string | object): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

function roundRobin<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
}

function choiceTexts(reply: MockChatReply): string[] {
  const hasCalls = (reply.toolCalls?.length ?? 0) > 0 || reply.functionCall !== undefined;
  const base = reply.text ?? (hasCalls || reply.refusal !== undefined ? [] : DEFAULT_STORY);
  const texts = typeof base === 'string' ? [base] : base;
  const n = reply.n ?? Math.max(1, texts.length);
  return Array.from({ length: n }, (_, i) => texts[i] ?? texts[0] ?? '');
}

function scriptChoice(reply: MockChatReply, index: number, text: string, ctx: ReplyContext): ChoiceScript {
  const argsSize = reply.argsChunkSize ?? 8;
  const hasText = text !== '' || reply.reasoning !== undefined;
  const deltas: Delta[] = [{ role: 'assistant', content: hasText ? '' : null, refusal: null }];
  for (const piece of splitTokens(reply.reasoning ?? '', reply.tokenSize))
    deltas.push({ reasoning_content: piece });
  for (const piece of splitTokens(text, reply.tokenSize)) deltas.push({ content: piece });
  for (const piece of splitTokens(reply.refusal ?? '', reply.tokenSize)) deltas.push({ refusal: piece });
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    id: call.id ?? ctx.nextId('call_mock'),
    type: 'function' as const,
    function: { name: call.name, arguments: argsText(call.arguments) },
  }));
  const perCall = toolCalls.map((call, i) => [
    {
      tool_calls: [
        { index: i, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
      ],
    },
    ...splitTokens(call.function.arguments, argsSize).map((piece) => ({
      tool_calls: [{ index: i, function: { arguments: piece } }],
    })),
  ]);
  deltas.push(...(reply.parallel ? roundRobin(perCall) : perCall.flat()));
  if (reply.functionCall) {
    const args = argsText(reply.functionCall.arguments);
    deltas.push({ function_call: { name: reply.functionCall.name, arguments: '' } });
    for (const piece of splitTokens(args, argsSize)) deltas.push({ function_call: { arguments: piece } });
  }
  return { index, text: text === '' && !reply.reasoning ? null : text, deltas, toolCalls };
}

function finishReason(reply: MockChatReply): string {
  if (reply.finishReason) return reply.finishReason;
  if (reply.toolCalls?.length) return 'tool_calls';
  return reply.functionCall ? 'function_call' : 'stop';
}

function computeUsage(reply: MockChatReply, ctx: ReplyContext, choices: ChoiceScript[]): MockUsage {
  if (typeof reply.usage === 'object') return reply.usage;
  const prompt = estimateTokens(JSON.stringify(ctx.body.messages ?? ''));
  const completion = choices.reduce((sum, choice) => sum + choice.deltas.length - 1, 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

/**
 * Builds the plan of a `chat` reply: SSE chunks when the request streams, else a `chat.completion`.
 * @internal
 */
export function chatPlan(reply: MockChatReply, ctx: ReplyContext): ReplyPlan {
  const id = reply.id ?? ctx.nextId('chatcmpl-mock');
  const model = reply.model ?? (typeof ctx.body.model === 'string' ? ctx.body.model : 'gpt-mock');
  const created = Math.floor(Date.now() / 1000);
  const choices = choiceTexts(reply).map((text, i) => scriptChoice(reply, i, text, ctx));
  const finish = finishReason(reply);
  const usage = computeUsage(reply, ctx, choices);
  const base = (object: string): Record<string, unknown> => ({
    id,
    object,
    created,
    model,
    system_fingerprint: 'fp_mock',
  });
  if (ctx.body.stream !== true) {
    const body = JSON.stringify({
      ...base('chat.completion'),
      choices: choices.map((choice) => ({
        index: choice.index,
        message: {
          role: 'assistant',
          content: choice.text,
          refusal: reply.refusal ?? null,
          ...(reply.reasoning !== undefined ? { reasoning_content: reply.reasoning } : {}),
          ...(choice.toolCalls.length ? { tool_calls: choice.toolCalls } : {}),
          ...(reply.functionCall
            ? {
                function_call: {
                  name: reply.functionCall.name,
                  arguments: argsText(reply.functionCall.arguments),
                },
              }
            : {}),
        },
        logprobs: null,
        finish_reason: finish,
      })),
      usage,
    });
    return {
      status: 200,
      headers: jsonHeaders(body, reply.fault === undefined),
      frames: [body],
      hasTerminal: false,
      delayMs: 0,
      fault: reply.fault,
    };
  }
  const streamOptions = ctx.body.stream_options as { include_usage?: unknown } | undefined;
  const withUsage = reply.usage === undefined ? streamOptions?.include_usage === true : reply.usage !== false;
  const usageField = withUsage ? { usage: null } : {};
  const chunk = (index: number, delta: Delta, finishReason: string | null): string =>
    sseFrame(
      JSON.stringify({
        ...base('chat.completion.chunk'),
        choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
        ...usageField,
      }),
    );
  const frames = roundRobin(
    choices.map((choice) => [
      ...choice.deltas.map((delta) => chunk(choice.index, delta, null)),
      chunk(choice.index, {}, finish),
    ]),
  );
  if (withUsage) {
    frames.push(sseFrame(JSON.stringify({ ...base('chat.completion.chunk'), choices: [], usage })));
  }
  frames.push(sseFrame('[DONE]'));
  let hasTerminal = true;
  if (reply.errorAfter) {
    const { chunks, error, eventLine } = reply.errorAfter;
    const payload = JSON.stringify({ error: { type: 'server_error', param: null, code: null, ...error } });
    frames.splice(chunks, frames.length, sseFrame(payload, eventLine ? 'error' : undefined));
    hasTerminal = false;
  }
  return {
    status: 200,
    headers: streamHeaders(),
    frames,
    hasTerminal,
    delayMs: reply.delayMs ?? ctx.chunkDelayMs,
    fault: reply.fault,
  };
}
