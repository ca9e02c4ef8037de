import { tap, type Subscription } from 'rxjs';
import { createClient } from '../../../lib/client.js';
import { textDeltas } from '../../../lib/chat/operators/text-deltas.js';
import { STREAMS, type StreamConfig } from './streams.js';
import { renderChart, sharedAxis } from './chart.js';

type Status = 'idle' | 'streaming' | 'complete' | 'error' | 'stopped';

/** Live numbers of one stream run. */
interface Run {
  status: Status;
  startedAt: number;
  firstTokenAt: number | undefined;
  chars: number;
  /** Every chunk, as the library counts them in its errors: arrival (ms since start) and text size. */
  arrivals: Array<{ t: number; size: number }>;
  subscription: Subscription | undefined;
}

// Same-origin `/v1`: serve.ts forwards it to the model server (and would add the API key there).
const client = createClient({ baseURL: new URL('/v1', location.origin).href, maxRetries: 0 });
const runs = new Map<string, Run>();
const container = document.querySelector<HTMLElement>('#streams')!;

function card(config: StreamConfig): HTMLElement {
  const element = document.createElement('section');
  element.className = 'card';
  element.dataset['stream'] = config.id;
  element.dataset['status'] = 'idle';
  element.innerHTML = `
    <h2><span>${config.title}</span><span class="status">idle</span></h2>
    <div class="metrics">
      <span>TTFT <b class="ttft">–</b></span><span><b class="cps">–</b> chars/s</span><span><b class="chunks">0</b> chunks</span>
    </div>
    <div class="chart-box">
      <svg class="chart" viewBox="0 0 300 48" preserveAspectRatio="none"></svg>
      <div class="axis"><span>0</span><span class="axis-end">1.0 s</span></div>
    </div>
    <div class="text"></div>
    <div class="error"></div>
    <div><button class="stop" disabled>Stop</button></div>`;
  element.querySelector('.stop')!.addEventListener('click', () => stop(config.id));
  return element;
}

function field(id: string, selector: string): HTMLElement {
  return container.querySelector<HTMLElement>(`[data-stream="${id}"] ${selector}`)!;
}

/** Redraws every card: the charts share one time axis, which grows with the longest stream. */
function render(): void {
  const now = performance.now();
  const spanMs = sharedAxis(
    [...runs.values()].map((run) => ({
      lastMs: run.status === 'streaming' ? now - run.startedAt : (run.arrivals.at(-1)?.t ?? 0),
    })),
  );
  for (const config of STREAMS) {
    const run = runs.get(config.id);
    if (!run) continue;
    container.querySelector<HTMLElement>(`[data-stream="${config.id}"]`)!.dataset['status'] = run.status;
    field(config.id, '.status').textContent = run.status;
    field(config.id, '.ttft').textContent =
      run.firstTokenAt === undefined ? '–' : `${Math.round(run.firstTokenAt - run.startedAt)} ms`;
    // Characters per second while text arrives: up to now while streaming, up to the last chunk after.
    const end = run.status === 'streaming' ? now : run.startedAt + (run.arrivals.at(-1)?.t ?? 0);
    const elapsed = run.firstTokenAt === undefined ? 0 : (end - run.firstTokenAt) / 1000;
    field(config.id, '.cps').textContent = elapsed > 0 ? String(Math.round(run.chars / elapsed)) : '–';
    field(config.id, '.chunks').textContent = String(run.arrivals.length);
    field(config.id, '.stop').toggleAttribute('disabled', run.status !== 'streaming');
    field(config.id, '.axis-end').textContent = `${(spanMs / 1000).toFixed(1)} s`;
    renderChart(field(config.id, '.chart') as unknown as SVGSVGElement, run.arrivals, spanMs);
  }
  const failed = [...runs.values()].filter((r) => r.status === 'error').length;
  document.querySelector('#summary')!.textContent = `${failed} failed`;
}

function start(config: StreamConfig): void {
  runs.get(config.id)?.subscription?.unsubscribe();
  const run: Run = {
    status: 'streaming',
    startedAt: performance.now(),
    firstTokenAt: undefined,
    chars: 0,
    arrivals: [],
    subscription: undefined,
  };
  runs.set(config.id, run);
  field(config.id, '.text').textContent = '';
  field(config.id, '.error').textContent = '';
  render();
  run.subscription = client.chat.completions
    .create({ model: config.model, messages: [{ role: 'user', content: config.prompt }], stream: true })
    .pipe(
      // Every chunk counts (the role chunk and the finish chunk too), as in "error after 5 chunks".
      tap(() => run.arrivals.push({ t: performance.now() - run.startedAt, size: 0 })),
      textDeltas(),
    )
    .subscribe({
      next: (delta) => {
        run.firstTokenAt ??= performance.now();
        run.chars += delta.length;
        run.arrivals.at(-1)!.size = delta.length; // textDeltas emits synchronously for its chunk
        field(config.id, '.text').textContent += delta;
        render();
      },
      error: (error: unknown) => {
        run.status = 'error';
        const failure = error instanceof Error ? error : new Error(String(error));
        field(config.id, '.error').textContent = `${failure.name}: ${failure.message}`;
        render();
      },
      complete: () => {
        run.status = 'complete';
        render();
      },
    });
}

/** Unsubscribing aborts the request; the server sees the connection close. */
function stop(id: string): void {
  const run = runs.get(id);
  if (run?.status !== 'streaming') return;
  run.subscription?.unsubscribe();
  run.status = 'stopped';
  render();
}

for (const config of STREAMS) container.append(card(config));
document.querySelector('#start-all')!.addEventListener('click', () => STREAMS.forEach(start));
document
  .querySelector('#retry-failed')!
  .addEventListener('click', () =>
    STREAMS.filter((config) => runs.get(config.id)?.status === 'error').forEach(start),
  );
// Keep chars/s and the shared axis live between chunks.
setInterval(() => [...runs.values()].some((run) => run.status === 'streaming') && render(), 250);
if (new URL(location.href).searchParams.get('autostart') !== '0') STREAMS.forEach(start);
