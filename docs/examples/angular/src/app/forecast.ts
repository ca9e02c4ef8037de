import { z } from 'zod';

/** The structured answer the forecast card asks for (`response_format: zodResponseFormat(Forecast, 'forecast')`). */
export const Forecast = z.object({
  city: z.string(),
  summary: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      sky: z.enum(['sunny', 'cloudy', 'rain', 'snow']),
      high: z.number(),
      low: z.number(),
    }),
  ),
});
