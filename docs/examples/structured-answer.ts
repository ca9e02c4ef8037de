/**
 * A structured answer rendered as it streams: `npx tsx docs/examples/structured-answer.ts [dish]`.
 *
 * The model answers with JSON that matches a zod schema (`zodResponseFormat`); `partialObject` turns the
 * growing JSON into typed, validated snapshots, redrawn in place, and `elementStream` announces each step
 * of the recipe once it is complete. With no `OPENAI_API_KEY` it uses the embedded mock server. Set
 * `API=responses` to do the same on the Responses API (`zodTextFormat`, `responsePartialObject`).
 */
import { merge, map, share, type Observable } from 'rxjs';
import { z } from 'zod';
import {
  createClient,
  elementStream,
  isStructuredOutputError,
  partialObject,
  responseElementStream,
  responsePartialObject,
  zodResponseFormat,
  zodTextFormat,
  type DeepPartial,
} from '../../lib/index.js';
import { startMockServer } from '../../lib/testing/index.js';

const Recipe = z.object({
  title: z.string(),
  servings: z.number().int(),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  ingredients: z.array(z.object({ name: z.string(), quantity: z.string() })),
  steps: z.array(z.string()),
});
type Recipe = z.output<typeof Recipe>;

const dish = process.argv[2] ?? 'pancakes';
const mockRecipe: Recipe = {
  title: 'Fluffy pancakes',
  servings: 4,
  difficulty: 'easy',
  ingredients: [
    { name: 'flour', quantity: '200 g' },
    { name: 'milk', quantity: '300 ml' },
    { name: 'eggs', quantity: '2' },
    { name: 'butter', quantity: '30 g, melted' },
  ],
  steps: [
    'Whisk the flour with a pinch of salt.',
    'Beat in the eggs, then the milk, little by little.',
    'Stir in the melted butter and rest the batter for 10 minutes.',
    'Fry ladlefuls in a hot pan, about a minute per side.',
  ],
};

const realKey = process.env['OPENAI_API_KEY'];
const mock = realKey
  ? undefined
  : await startMockServer({
      reply: { type: 'chat', text: JSON.stringify(mockRecipe), tokenSize: 3 },
      chunkDelayMs: 15,
    });
const client = createClient(mock ? { apiKey: 'mock', baseURL: mock.url } : {});
const model = process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini';
const prompt = `A short recipe for ${dish}.`;

type Update = { kind: 'snapshot'; recipe: DeepPartial<Recipe> } | { kind: 'step'; step: string };
let updates$: Observable<Update>;
if (process.env['API'] === 'responses') {
  const events$ = client.responses
    .create({ model, input: prompt, text: { format: zodTextFormat(Recipe, 'recipe') }, stream: true })
    .pipe(share());
  updates$ = merge(
    events$.pipe(
      responsePartialObject(Recipe),
      map((recipe): Update => ({ kind: 'snapshot', recipe })),
    ),
    events$.pipe(
      responseElementStream(Recipe, 'steps'),
      map((step): Update => ({ kind: 'step', step })),
    ),
  );
} else {
  const chunks$ = client.chat.completions
    .create({
      model,
      messages: [{ role: 'user', content: prompt }],
      response_format: zodResponseFormat(Recipe, 'recipe'),
      stream: true,
    })
    .pipe(share());
  updates$ = merge(
    chunks$.pipe(
      partialObject(Recipe),
      map((recipe): Update => ({ kind: 'snapshot', recipe })),
    ),
    chunks$.pipe(
      elementStream(Recipe, 'steps'),
      map((step): Update => ({ kind: 'step', step })),
    ),
  );
}

const tty = process.stdout.isTTY === true;
let drawn = 0;
let latest: DeepPartial<Recipe> = {};
const completed: string[] = [];
updates$.subscribe({
  next(update) {
    if (update.kind === 'step') completed.push(update.step);
    else latest = update.recipe;
    if (tty) draw(latest);
  },
  error: async (error: unknown) => {
    console.error(isStructuredOutputError(error) ? `${error.kind}: ${error.message}` : String(error));
    process.exitCode = 1;
    await mock?.close();
  },
  complete: async () => {
    if (!tty) draw(latest);
    console.log(`\n${completed.length} steps, each validated as it completed.`);
    await mock?.close();
  },
});

/** Redraws the recipe in place: what is known so far, with "…" for what is still coming. */
function draw(recipe: DeepPartial<Recipe>): void {
  const lines = [
    `# ${recipe.title ?? '…'}`,
    `serves ${recipe.servings ?? '…'} · ${recipe.difficulty ?? '…'}`,
    '',
    'Ingredients:',
    ...(recipe.ingredients ?? []).map((item) => `  - ${item.quantity ?? '…'} ${item.name ?? ''}`),
    '',
    'Steps:',
    ...(recipe.steps ?? []).map((step, i) => `  ${i + 1}. ${step}${i < completed.length ? ' ✓' : ''}`),
  ];
  if (tty && drawn) process.stdout.write(`\x1b[${drawn}A\x1b[0J`);
  process.stdout.write(`${lines.join('\n')}\n`);
  drawn = lines.length;
}
