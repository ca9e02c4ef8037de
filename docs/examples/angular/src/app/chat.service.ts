import { Injectable } from '@angular/core';
import { merge, share, map, type Observable } from 'rxjs';
import { textDeltas, toolCallDeltas, type ChatCompletionTool } from 'rxjs-openai-stream';
import { injectOpenAIStream } from 'rxjs-openai-stream/angular';

/** What the panel renders, one event at a time. */
export type ChatEvent =
  | { kind: 'text'; delta: string }
  | { kind: 'tool'; index: number; id: string | null; name: string; arguments: string; partial: unknown };

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

/** Streams one chat answer: text deltas and growing tool-call arguments from a single request. */
@Injectable({ providedIn: 'root' })
export class ChatService {
  private readonly client = injectOpenAIStream();

  ask(prompt: string): Observable<ChatEvent> {
    // One HTTP request shared by both views of it; unsubscribing from the result aborts it.
    const chunks$ = this.client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: prompt }],
        tools: TOOLS,
        stream: true,
      })
      .pipe(share());
    return merge(
      chunks$.pipe(
        textDeltas(),
        map((delta): ChatEvent => ({ kind: 'text', delta })),
      ),
      chunks$.pipe(
        toolCallDeltas(),
        map((call): ChatEvent => ({
          kind: 'tool',
          index: call.index,
          id: call.id,
          name: call.name,
          arguments: call.arguments,
          partial: call.partial,
        })),
      ),
    );
  }
}
