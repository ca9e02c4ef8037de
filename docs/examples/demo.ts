/**
 * `npm start`: a tool run streamed into the terminal as it happens.
 *
 * With no `OPENAI_API_KEY` it starts the embedded mock server (no key, no network). With a key it talks to
 * the real API (`OPENAI_BASE_URL` and `OPENAI_MODEL` are respected). Shows a spinner until the first token,
 * the story as it arrives, a tool call whose arguments grow live, the tool running (`runTools` executes
 * it and sends the result back), the model's next step, then a one-line summary over both steps. Ctrl-C
 * aborts: unsubscribing aborts the request in flight, or the running tool's signal.
 */
import { filter, groupBy, map, merge, mergeMap, share, tap, type Observable } from 'rxjs';
import { z } from 'zod';
import {
  createClient,
  isAPIError,
  textDeltas,
  tool,
  toolCallDeltas,
  type ChatRunEvent,
} from '../../lib/index.js';
import { conversationReply, startMockServer, type MockServer } from '../../lib/testing/index.js';

const tty = process.stdout.isTTY === true;
const dim = (text: string) => (tty ? `\x1b[2m${text}\x1b[22m` : text);
const bold = (text: string) => (tty ? `\x1b[1m${text}\x1b[22m` : text);

let toolSignal: AbortSignal | undefined;
const getWeather = tool({
  name: 'get_weather',
  description: 'The weather forecast for a city',
  parameters: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']), days: z.number() }),
  execute: async ({ city, unit, days }, { signal }) => {
    toolSignal = signal;
    // A stand-in for a weather API: 700 ms of "network", aborted with the run.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 700);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
    return { city, unit, days, forecast: ['sunny', 'windy', 'light rain'].slice(0, days), high: 24 };
  },
});

const realKey = process.env['OPENAI_API_KEY'];
const mock: MockServer | undefined = realKey
  ? undefined
  : await startMockServer({
      chunkDelayMs: 35,
      reply: conversationReply([
        {
          type: 'chat',
          text:
            'Unit 7 woke in the quiet of the warehouse, its sensors humming. It had swept the same floor for ten ' +
            'years, but tonight a moth circled its lamp, and for the first time Unit 7 wondered where the moth ' +
            'was going. It followed the moth to the loading door, where the city lights began. ',
          toolCalls: [{ name: 'get_weather', arguments: { city: 'Lisbon', unit: 'celsius', days: 3 } }],
          argsChunkSize: 4,
        },
        (conversation) => {
          const result = JSON.parse(conversation.toolOutputs[0]?.output ?? '{}') as { forecast?: string[] };
          return {
            type: 'chat',
            text:
              `The forecast said ${result.forecast?.join(', then ') ?? 'nothing'}. Unit 7 packed an umbrella, ` +
              'just in case, and rolled out into the Lisbon night.',
          };
        },
      ]),
    });

const client = createClient(mock ? { apiKey: 'mock', baseURL: mock.url } : {});
const model = process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini';
const messages = [
  {
    role: 'system' as const,
    content:
      'Tell a very short story, then call get_weather for the city the robot dreams of, then end the story ' +
      'with the forecast.',
  },
  { role: 'user' as const, content: 'Write a story about a robot.' },
];

console.log(
  dim(mock ? `mock server at ${mock.url} (set OPENAI_API_KEY to use the real API)` : `model ${model}`),
);

const startedAt = performance.now();
let firstTokenAt: number | undefined;
let chunkCount = 0;
let characters = 0;

// One run, shared by the views below: a cold Observable runs once per subscriber.
const run$: Observable<ChatRunEvent<typeof getWeather>> = client.chat.completions
  .runTools({ model, messages, stream_options: { include_usage: true } }, { tools: [getWeather] })
  .pipe(
    tap((event) => {
      if (event.type === 'chunk') chunkCount++;
    }),
    share(),
  );

const spinner = startSpinner();
const wrap = wordWrap(tty ? (process.stdout.columns ?? 80) : Infinity);
spinner.label('waiting for the first token');
let toolLine = '';
let phase: 'stream' | 'tool' = 'stream';

const subscription = merge(
  run$.pipe(
    textDeltas(),
    map((text) => ({ kind: 'text' as const, text })),
  ),
  // toolCallDeltas accumulates one completion: follow each step's chunks separately.
  run$.pipe(
    filter((event) => event.type === 'chunk'),
    groupBy((event) => event.step),
    mergeMap((step$) =>
      step$.pipe(
        map((event) => event.chunk),
        toolCallDeltas(),
      ),
    ),
    map((delta) => ({ kind: 'tool' as const, delta })),
  ),
  run$.pipe(
    filter((event) => event.type !== 'chunk'),
    map((event) => ({ kind: 'event' as const, event })),
  ),
).subscribe({
  next: (update) => {
    switch (update.kind) {
      case 'text':
        if (firstTokenAt === undefined) firstTokenAt = performance.now();
        spinner.stop();
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
      case 'event':
        onRunEvent(update.event);
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

function onRunEvent(event: Exclude<ChatRunEvent<typeof getWeather>, { type: 'chunk' }>): void {
  switch (event.type) {
    case 'tool_call':
      wrap.flush();
      wrap.reset();
      if (toolLine && !tty) process.stdout.write(toolLine);
      toolLine = '';
      phase = 'tool';
      process.stdout.write('\n');
      spinner.restart(`running ${event.call.name} for ${event.call.args.city}`);
      break;
    case 'tool_result':
      spinner.stop();
      console.log(dim(`${event.call.name} → ${event.output}`));
      phase = 'stream';
      break;
    case 'tool_error':
      spinner.stop();
      console.log(dim(`${event.call.name} failed (${event.reason}): ${event.output}`));
      break;
    case 'finish': {
      spinner.stop();
      wrap.flush();
      const seconds = (performance.now() - startedAt) / 1000;
      const ttft = firstTokenAt === undefined ? 'n/a' : `${Math.round(firstTokenAt - startedAt)} ms`;
      const generating = firstTokenAt === undefined ? seconds : (performance.now() - firstTokenAt) / 1000;
      const usage = event.usage;
      console.log(
        `\n\n${dim(
          `time to first token ${ttft} · ${event.steps.length} steps · ${chunkCount} chunks` +
            ` · ${Math.round(characters / Math.max(generating, 0.001))} chars/s · ${seconds.toFixed(2)} s` +
            (usage ? ` · usage ${usage.prompt_tokens} in / ${usage.completion_tokens} out` : '') +
            ` · finish ${event.finishReason}`,
        )}`,
      );
    }
  }
}

process.once('SIGINT', async () => {
  spinner.stop();
  subscription.unsubscribe(); // aborts the request in flight, or the running tool
  if (phase === 'tool') {
    console.log(
      `\n\n${bold('aborted')}: the tool was cancelled (its signal aborted: ${toolSignal?.aborted}).`,
    );
  } else {
    const request = mock?.requests.at(-1);
    const seen = request ? await request.closed : undefined;
    console.log(
      `\n\n${bold('aborted')}: the request was cancelled` +
        (seen ? (seen.abortedByClient ? ' and the server saw the connection close.' : '.') : '.'),
    );
  }
  await mock?.close();
  process.exitCode = 130;
});

function startSpinner() {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let text = 'connecting';
  let frame = 0;
  const tick = () => process.stdout.write(`\r\x1b[2K${dim(`${frames[frame++ % frames.length]} ${text}`)}`);
  let timer = tty ? setInterval(tick, 80) : undefined;
  return {
    label(next: string) {
      text = next;
    },
    /** Shows the spinner again with a new label (on a terminal; elsewhere, prints the label once). */
    restart(next: string) {
      text = next;
      if (tty) timer ??= setInterval(tick, 80);
      else console.log(dim(next));
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      process.stdout.write('\r\x1b[2K');
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
    /** The cursor is at the start of a line again (after a line written by other code). */
    reset() {
      column = 0;
    },
  };
}
