/**
 * `npm start`: streams a chat completion into the terminal as it is generated.
 *
 * With no `OPENAI_API_KEY` it starts the embedded mock server (no key, no network). With a key it talks to
 * the real API (`OPENAI_BASE_URL` and `OPENAI_MODEL` are respected). Shows a spinner until the first token,
 * the text as it arrives, a tool call whose arguments grow live, then a one-line summary. Ctrl-C aborts the
 * request: unsubscribing is the abort.
 */
import { filter, map, merge, share, tap, type Observable } from 'rxjs';
import {
  createClient,
  finalChatCompletion,
  isAPIError,
  textDeltas,
  toolCallDeltas,
  type ChatCompletionChunk,
  type ChatCompletionCreateParams,
  type StreamEvent,
} from '../../lib/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';

const tty = process.stdout.isTTY === true;
const dim = (text: string) => (tty ? `\x1b[2m${text}\x1b[22m` : text);
const bold = (text: string) => (tty ? `\x1b[1m${text}\x1b[22m` : text);

const realKey = process.env['OPENAI_API_KEY'];
const mock: MockServer | undefined = realKey
  ? undefined
  : await startMockServer({
      chunkDelayMs: 35,
      reply: {
        type: 'chat',
        text:
          'Unit 7 woke in the quiet of the warehouse, its sensors humming. It had swept the same floor for ten ' +
          'years, but tonight a moth circled its lamp, and for the first time Unit 7 wondered where the moth ' +
          'was going. It followed the moth to the loading door, where the city lights began. ',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Lisbon', unit: 'celsius', days: 3 } }],
        argsChunkSize: 4,
      },
    });

const client = createClient(mock ? { apiKey: 'mock', baseURL: mock.url } : {});
const params = {
  model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
  messages: [
    {
      role: 'system',
      content: 'Tell a very short story, then call get_weather for the city the robot dreams of.',
    },
    { role: 'user', content: 'Write a story about a robot.' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' }, unit: { type: 'string' }, days: { type: 'number' } },
          required: ['city'],
        },
      },
    },
  ],
  stream: true,
  stream_options: { include_usage: true },
} satisfies ChatCompletionCreateParams;

console.log(
  dim(mock ? `mock server at ${mock.url} (set OPENAI_API_KEY to use the real API)` : `model ${params.model}`),
);

const startedAt = performance.now();
let firstTokenAt: number | undefined;
let chunkCount = 0;
let characters = 0;

// One request, shared by the operators below: a cold Observable sends one request per subscriber.
const events$: Observable<StreamEvent<ChatCompletionChunk>> = client.chat.completions
  .create(params, { observe: 'events' })
  .pipe(
    tap((event) => {
      if (event.type === 'data') chunkCount++;
    }),
    share(),
  );
const chunks$ = events$.pipe(
  filter((event) => event.type === 'data'),
  map((event) => event.data),
);

const spinner = startSpinner();
const wrap = wordWrap(tty ? (process.stdout.columns ?? 80) : Infinity);
let toolLine = '';

const subscription = merge(
  events$.pipe(
    filter((event) => event.type === 'open'),
    map((event) => ({ kind: 'open' as const, requestId: event.response.requestId })),
  ),
  chunks$.pipe(
    textDeltas(),
    map((text) => ({ kind: 'text' as const, text })),
  ),
  chunks$.pipe(
    toolCallDeltas(),
    map((delta) => ({ kind: 'tool' as const, delta })),
  ),
  chunks$.pipe(
    finalChatCompletion(),
    map((completion) => ({ kind: 'final' as const, completion })),
  ),
).subscribe({
  next: (update) => {
    switch (update.kind) {
      case 'open':
        spinner.label(`waiting for the first token (request ${update.requestId ?? 'n/a'})`);
        break;
      case 'text':
        if (firstTokenAt === undefined) {
          firstTokenAt = performance.now();
          spinner.stop();
        }
        characters += update.text.length;
        wrap.write(update.text);
        break;
      case 'tool': {
        spinner.stop();
        wrap.flush();
        firstTokenAt ??= performance.now();
        const line = `${bold('tool call')} ${update.delta.name ?? '?'}(${update.delta.arguments})`;
        if (!toolLine) process.stdout.write('\n');
        toolLine = line;
        if (tty) process.stdout.write(`\r\x1b[2K${line}`);
        break;
      }
      case 'final': {
        wrap.flush();
        if (toolLine && !tty) process.stdout.write(toolLine);
        const seconds = (performance.now() - startedAt) / 1000;
        const ttft = firstTokenAt === undefined ? 'n/a' : `${Math.round(firstTokenAt - startedAt)} ms`;
        const generating = firstTokenAt === undefined ? seconds : (performance.now() - firstTokenAt) / 1000;
        const usage = update.completion.usage;
        console.log(
          `\n\n${dim(
            `time to first token ${ttft} · ${chunkCount} chunks · ${Math.round(characters / Math.max(generating, 0.001))} chars/s` +
              ` · ${seconds.toFixed(2)} s` +
              (usage ? ` · usage ${usage.prompt_tokens} in / ${usage.completion_tokens} out` : '') +
              ` · finish ${update.completion.choices[0]?.finish_reason ?? 'n/a'}`,
          )}`,
        );
      }
    }
  },
  error: async (error: unknown) => {
    spinner.stop();
    wrap.flush();
    console.error(`\n${isAPIError(error) ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
    await mock?.close();
  },
  complete: async () => {
    await mock?.close();
  },
});

process.once('SIGINT', async () => {
  spinner.stop();
  subscription.unsubscribe(); // aborts the HTTP request
  const request = mock?.requests[0];
  const seen = request ? await request.closed : undefined;
  console.log(
    `\n\n${bold('aborted')}: the request was cancelled` +
      (seen ? (seen.abortedByClient ? ' and the server saw the connection close.' : '.') : '.'),
  );
  await mock?.close();
  process.exitCode = 130;
});

function startSpinner() {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let text = 'connecting';
  let frame = 0;
  const timer = tty
    ? setInterval(
        () => process.stdout.write(`\r\x1b[2K${dim(`${frames[frame++ % frames.length]} ${text}`)}`),
        80,
      )
    : undefined;
  let stopped = false;
  return {
    label(next: string) {
      text = next;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) {
        clearInterval(timer);
        process.stdout.write('\r\x1b[2K');
      }
    },
  };
}

/** Writes streamed text wrapped at word boundaries: a word is held until it ends, then goes on this line or the next. */
function wordWrap(width: number) {
  let column = 0;
  let word = '';
  const put = (): void => {
    if (word === '') return;
    if (column > 0 && column + word.length > width) {
      process.stdout.write('\n');
      column = 0;
    }
    process.stdout.write(word);
    column += word.length;
    word = '';
  };
  return {
    write(text: string) {
      for (const char of text) {
        if (char === '\n' || char === ' ') {
          put();
          process.stdout.write(char === ' ' && column >= width ? '\n' : char);
          column = char === '\n' || column >= width ? 0 : column + 1;
        } else word += char;
      }
    },
    flush: put,
  };
}
