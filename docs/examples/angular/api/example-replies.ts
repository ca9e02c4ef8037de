import type { MockReply, RecordedRequest } from '../../../../lib/testing/index.js';

const STORIES = [
  'The lighthouse keeper counted the waves every night. One evening a wave answered back, and from then ' +
    'on the two of them kept the light together, trading stories until the ships came home.',
  'A small robot found a seed in the dust of the old station. It built a dome of scrap for it, watered it ' +
    'with condensation, and a year later the station had its first tree and its first gardener.',
  'The river wanted to see the mountains it came from. It could not flow uphill, so it became rain for a ' +
    'season, fell on the highest peak, and laughed all the way back down to the sea.',
];

type Message = { role?: string; content?: unknown };
interface Body {
  messages?: Message[];
  tools?: Array<{ function?: { name?: string } }>;
  response_format?: { json_schema?: { name?: string } };
}

const textOf = (message: Message | undefined): string =>
  typeof message?.content === 'string' ? message.content : '';

/** The city a question names ("... in Oslo?"), else Paris. */
export function cityOf(prompt: string): string {
  return /\b(?:in|for|at)\s+([A-Z][\p{L}-]+)/u.exec(prompt)?.[1] ?? 'Paris';
}

/** A three-day forecast for the `forecast` structured output (the app's `Forecast` schema). */
export function forecastFor(city: string): object {
  return {
    city,
    summary: `Mild days in ${city}: sun first, clouds on the second day, light rain to finish.`,
    days: [
      { day: 'Monday', sky: 'sunny', high: 22, low: 13 },
      { day: 'Tuesday', sky: 'cloudy', high: 19, low: 12 },
      { day: 'Wednesday', sky: 'rain', high: 16, low: 11 },
    ],
  };
}

/**
 * The example's scripted model: replies chosen from the request (see dev-api.ts).
 *
 * @returns a reply source for `startMockServer({ reply })`.
 */
export function exampleReplies(): (request: RecordedRequest) => MockReply {
  const attempts = new Map<string, number>();
  let turn = 0;
  return (request) => {
    const body = (request.body ?? {}) as Body;
    const messages = body.messages ?? [];
    const last = messages.at(-1);
    const prompt = textOf([...messages].reverse().find((message) => message.role === 'user'));
    if (body.response_format?.json_schema?.name === 'forecast') {
      const text = JSON.stringify(forecastFor(cityOf(prompt)));
      return { type: 'chat', text, tokenSize: 6, delayMs: 50 };
    }
    if (last?.role === 'tool') {
      const weather = JSON.parse(textOf(last)) as { city?: string; temperature?: number; sky?: string };
      const text = weather.city
        ? `Right now it is ${weather.temperature} °C and ${weather.sky} in ${weather.city}. ` +
          'A light jacket should do.'
        : `The weather tool did not answer: ${textOf(last)}`;
      return { type: 'chat', text, tokenSize: 12, delayMs: 60 };
    }
    const hasWeatherTool = body.tools?.some((entry) => entry.function?.name === 'get_weather');
    if (hasWeatherTool && /weather/i.test(prompt)) {
      const call = { id: `call_weather_${++turn}`, name: 'get_weather', arguments: { city: cityOf(prompt) } };
      return { type: 'chat', toolCalls: [call], argsChunkSize: 4, delayMs: 60 };
    }
    const attempt = (attempts.get(prompt) ?? 0) + 1;
    attempts.set(prompt, attempt);
    const text = STORIES[turn++ % STORIES.length]!;
    if (/error/i.test(prompt) && attempt % 2 === 1) {
      const error = { message: 'The model crashed mid-answer.', type: 'server_error' };
      return { type: 'chat', text, tokenSize: 24, delayMs: 150, errorAfter: { chunks: 4, error } };
    }
    return { type: 'chat', text, tokenSize: 24, delayMs: 150 };
  };
}
