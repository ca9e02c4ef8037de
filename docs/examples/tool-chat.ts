/**
 * A command-line chat whose model can call a tool: `npx tsx docs/examples/tool-chat.ts`.
 *
 * Type a question ("What is the weather in Lisbon?"); the answer streams in, tool calls and their results
 * are shown as they happen, and the conversation carries on from `finish.messages`. Ctrl-C during an
 * answer cancels it (the request, or the running tool); Ctrl-C at the prompt, or Ctrl-D, quits.
 *
 * With no `OPENAI_API_KEY` it talks to the embedded mock server, scripted to call the tool when a question
 * names a city. Lines can also be piped in: `echo "Weather in Oslo?" | npx tsx docs/examples/tool-chat.ts`.
 */
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { createClient, tool, type ChatCompletionMessageParam, type ChatRunEvent } from '../../lib/index.js';
import { conversationReply, startMockServer, type MockConversation } from '../../lib/testing/index.js';

const getWeather = tool({
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string().describe('The city name, e.g. Lisbon') }),
  execute: async ({ city }, { signal }) => {
    // A stand-in for a real weather API: pass `signal` on to fetch() so that cancelling aborts it.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 400);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
    const temperature = 12 + (city.length % 15);
    return { city, temperature, sky: temperature > 20 ? 'sunny' : 'cloudy' };
  },
});

/** The mock model: calls get_weather when the question names a city, then answers from the result. */
function mockModel({ items, toolOutputs }: MockConversation) {
  const [result] = toolOutputs;
  if (result) {
    const { city, temperature, sky } = JSON.parse(result.output) as {
      city: string;
      temperature: number;
      sky: string;
    };
    return { type: 'chat' as const, text: `It is ${temperature} °C and ${sky} in ${city} right now.` };
  }
  const question = String((items.at(-1) as { content?: unknown } | undefined)?.content ?? '');
  const city = /\b(?:in|at|for)\s+([A-Z][\p{L}-]+)/u.exec(question)?.[1];
  if (city) return { type: 'chat' as const, toolCalls: [{ name: 'get_weather', arguments: { city } }] };
  return {
    type: 'chat' as const,
    text: 'Ask me about the weather in a city, for example "Weather in Lisbon?".',
  };
}

const realKey = process.env['OPENAI_API_KEY'];
const mock = realKey
  ? undefined
  : await startMockServer({ reply: conversationReply([mockModel]), chunkDelayMs: 20 });
const client = createClient(mock ? { apiKey: 'mock', baseURL: mock.url } : {});
const model = process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini';
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[22m` : text);

let messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a brief assistant. Use get_weather for weather questions.' },
];
const terminal = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: process.stdin.isTTY,
});
let cancel: (() => void) | undefined;
// Ctrl-C cancels the answer in progress; at the prompt it quits.
terminal.on('SIGINT', () => (cancel ? cancel() : terminal.close()));
console.log(dim(mock ? 'mock model (set OPENAI_API_KEY for the real API); Ctrl-D quits' : `model ${model}`));

terminal.setPrompt('\n> ');
terminal.prompt();
for await (const line of terminal) {
  const question = line.trim();
  if (question) {
    if (!process.stdin.isTTY) console.log(question);
    messages = await answer([...messages, { role: 'user', content: question }]);
  }
  terminal.prompt();
}
await mock?.close();

/** Streams one answer, with its tool calls; resolves with the conversation to continue from. */
function answer(conversation: ChatCompletionMessageParam[]): Promise<ChatCompletionMessageParam[]> {
  return new Promise<ChatCompletionMessageParam[]>((resolve) => {
    const subscription = client.chat.completions
      .runTools({ model, messages: conversation }, { tools: [getWeather], maxSteps: 5 })
      .subscribe({
        next: (event: ChatRunEvent<typeof getWeather>) => {
          if (event.type === 'chunk') process.stdout.write(event.chunk.choices[0]?.delta.content ?? '');
          else if (event.type === 'tool_call')
            console.log(dim(`\n[${event.call.name}(${event.call.args.city})]`));
          else if (event.type === 'tool_result') console.log(dim(`[→ ${event.output}]`));
          else if (event.type === 'tool_error') console.log(dim(`[${event.reason}: ${event.output}]`));
          else if (event.type === 'finish') {
            const tokens = event.usage ? ` · ${event.usage.total_tokens} tokens` : '';
            console.log(dim(`\n(${event.steps.length} step(s)${tokens})`));
            resolve(event.messages);
          }
        },
        error: (error: unknown) => {
          console.error(`\n${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          resolve(conversation.slice(0, -1));
        },
      });
    cancel = () => {
      subscription.unsubscribe(); // aborts the request in flight, or the running tool's signal
      console.log(dim('\n(cancelled)'));
      resolve(conversation.slice(0, -1));
    };
  }).finally(() => (cancel = undefined));
}
