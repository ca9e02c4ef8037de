import { z } from 'zod';
import { tool } from 'rxjs-openai-stream';

const SKIES = ['sunny', 'cloudy', 'windy', 'rainy'] as const;

/**
 * The tool the model may call. It runs here, in the browser: a pretend weather service that takes a
 * moment to answer (so the page can show it running) and stops at once when the user presses Stop (its
 * `signal` aborts). A real one would `fetch(url, { signal })`.
 */
export const getWeather = tool({
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }, { signal }) =>
    new Promise<{ city: string; temperature: number; sky: string }>((resolve, reject) => {
      const code = [...city].reduce((sum, char) => sum + char.charCodeAt(0), 0);
      const timer = setTimeout(
        () => resolve({ city, temperature: 8 + (code % 17), sky: SKIES[code % SKIES.length]! }),
        1200,
      );
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
});
