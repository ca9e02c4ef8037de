import { jsonPlan, sseFrame, streamHeaders, type ReplyContext } from './frames.js';
import { scriptResponse, type ResponseScript } from './responses-events.js';
import type { MockResponsesReply } from './responses-reply.js';
import { statusPlan } from './status-reply.js';
import type { ReplyPlan } from './write-plan.js';

/**
 * The Responses API state of one mock server: every scripted response, by id.
 * @internal
 */
export interface ResponsesStore {
  /** `POST /v1/responses`. */
  post(reply: MockResponsesReply, ctx: ReplyContext): ReplyPlan;
  /** `GET /v1/responses/{id}`, streamed (resumed) when `query.stream === 'true'`. */
  retrieve(id: string, query: Record<string, string>, ctx: ReplyContext): ReplyPlan;
  /** `POST /v1/responses/{id}/cancel`. */
  cancel(id: string): ReplyPlan;
}

interface StoredResponse {
  reply: MockResponsesReply;
  script: ResponseScript;
  cancelled?: Record<string, unknown>;
}

function streamPlan(
  stored: StoredResponse,
  startingAfter: number,
  resumed: boolean,
  ctx: ReplyContext,
): ReplyPlan {
  const { reply, script } = stored;
  const frames = script.events
    .filter((event) => (event.sequence_number as number) > startingAfter)
    .map((event) => sseFrame(JSON.stringify(event), reply.eventLines ? String(event.type) : undefined));
  return {
    status: 200,
    headers: streamHeaders(),
    frames,
    hasTerminal: true,
    delayMs: reply.delayMs ?? ctx.chunkDelayMs,
    fault: !resumed || reply.faultOnResume ? reply.fault : undefined,
  };
}

function notFound(id: string): ReplyPlan {
  const message = `No response found with id '${id}'.`;
  return statusPlan({ type: 'status', status: 404, error: { message, type: 'invalid_request_error' } });
}

/**
 * Creates an empty store.
 * @internal
 */
export function createResponsesStore(): ResponsesStore {
  const byId = new Map<string, StoredResponse>();
  return {
    post(reply, ctx) {
      const stored: StoredResponse = { reply, script: scriptResponse(reply, ctx) };
      byId.set(stored.script.id, stored);
      if (ctx.body.stream === true) return streamPlan(stored, -1, false, ctx);
      const plan = jsonPlan(stored.script.initial);
      if (reply.fault)
        return { ...plan, headers: { 'content-type': 'application/json' }, fault: reply.fault };
      return plan;
    },
    retrieve(id, query, ctx) {
      const stored = byId.get(id);
      if (!stored) return notFound(id);
      if (query.stream !== 'true') return jsonPlan(stored.cancelled ?? stored.script.final);
      const after = Number(query.starting_after ?? -1);
      return streamPlan(stored, Number.isFinite(after) ? after : -1, true, ctx);
    },
    cancel(id) {
      const stored = byId.get(id);
      if (!stored) return notFound(id);
      if (!stored.reply.background) {
        const message = 'Only responses created with background=true can be cancelled.';
        return statusPlan({ type: 'status', status: 400, error: { message } });
      }
      stored.cancelled ??= { ...stored.script.final, status: 'cancelled' };
      return jsonPlan(stored.cancelled);
    },
  };
}
