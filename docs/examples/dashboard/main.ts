import type { Subscription } from 'rxjs';
import { createClient } from '../../../lib/client.js';
import { textDeltas } from '../../../lib/chat/operators/text-deltas.js';
import { STREAMS, type StreamConfig } from './streams.js';
import { renderChart } from './chart.js';

type Status = 'idle' | 'streaming' | 'complete' | 'error' | 'stopped';

/** Live numbers of one stream run. */
interface Run {
  status: Status;
  startedAt: number;
  firstTokenAt: number | undefined;
  chars: number;
  /** Arrival time (ms since start) and size of every text delta. */
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
    <svg class="chart" viewBox="0 0 300 48" preserveAspectRatio="none"></svg>
    <div class="text"></div>
    <div class="error"></div>
    <div><button class="stop" disabled>Stop</button></div>`;
  element.querySelector('.stop')!.addEventListener('click', () => stop(config.id));
  return element;
}

function field(id: string, selector: string): HTMLElement {
  return container.querySelector<HTMLElement>(`[data-stream="${id}"] ${selector}`)!;
}

function render(config: StreamConfig): void {
  const run = runs.get(config.id);
  if (!run) return;
  const now = performance.now();
  container.querySelector<HTMLElement>(`[data-stream="${config.id}"]`)!.dataset['status'] = run.status;
  field(config.id, '.status').textContent = run.status;
  field(config.id, '.ttft').textContent =
    run.firstTokenAt === undefined ? '–' : `${Math.round(run.firstTokenAt - run.startedAt)} ms`;
  const elapsed = run.firstTokenAt === undefined ? 0 : (now - run.firstTokenAt) / 1000;
  field(config.id, '.cps').textContent = elapsed > 0 ? String(Math.round(run.chars / elapsed)) : '–';
  field(config.id, '.chunks').textContent = String(run.arrivals.length);
  field(config.id, '.stop').toggleAttribute('disabled', run.status !== 'streaming');
  renderChart(field(config.id, '.chart') as unknown as SVGSVGElement, run.arrivals);
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
  render(config);
  run.subscription = client.chat.completions
    .create({ model: config.model, messages: [{ role: 'user', content: config.prompt }], stream: true })
    .pipe(textDeltas())
    .subscribe({
      next: (delta) => {
        const now = performance.now();
        run.firstTokenAt ??= now;
        run.chars += delta.length;
        run.arrivals.push({ t: now - run.startedAt, size: delta.length });
        field(config.id, '.text').textContent += delta;
        render(config);
      },
      error: (error: unknown) => {
        run.status = 'error';
        const failure = error instanceof Error ? error : new Error(String(error));
        field(config.id, '.error').textContent = `${failure.name}: ${failure.message}`;
        render(config);
      },
      complete: () => {
        run.status = 'complete';
        render(config);
      },
    });
}

/** Unsubscribing aborts the request; the server sees the connection close. */
function stop(id: string): void {
  const run = runs.get(id);
  if (run?.status !== 'streaming') return;
  run.subscription?.unsubscribe();
  run.status = 'stopped';
  render(STREAMS.find((config) => config.id === id)!);
}

for (const config of STREAMS) container.append(card(config));
document.querySelector('#start-all')!.addEventListener('click', () => STREAMS.forEach(start));
document
  .querySelector('#retry-failed')!
  .addEventListener('click', () =>
    STREAMS.filter((config) => runs.get(config.id)?.status === 'error').forEach(start),
  );
// Keep chars/s live between chunks.
setInterval(
  () => STREAMS.forEach((config) => runs.get(config.id)?.status === 'streaming' && render(config)),
  250,
);
if (new URL(location.href).searchParams.get('autostart') !== '0') STREAMS.forEach(start);
