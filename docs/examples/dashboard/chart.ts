const SVG = 'http://www.w3.org/2000/svg';

/**
 * The axis every chart shares: at least one second, and as long as the longest stream so far (a stream
 * still running counts up to now), rounded up to a whole half second so that it grows in steps.
 *
 * @param runs - for each stream, its latest arrival and, while it runs, the time since it started.
 * @returns the axis length in ms.
 *
 * @example
 * ```ts
 * import { sharedAxis } from './chart.js';
 *
 * sharedAxis([{ lastMs: 1200 }, { lastMs: 3400 }]); // 3500
 * ```
 */
export function sharedAxis(runs: ReadonlyArray<{ lastMs: number }>): number {
  const longest = Math.max(1000, ...runs.map((run) => run.lastMs));
  return Math.ceil(longest / 500) * 500;
}

/**
 * Draws chunk arrival times into an inline SVG: one bar per chunk at its arrival time on the shared axis,
 * its height the chunk's text size (a stub for chunks without text), with a tick every second.
 *
 * @param svg - the chart element (`viewBox="0 0 300 48"`).
 * @param arrivals - arrival time in ms since the request started, and text size in characters.
 * @param spanMs - the axis all charts share (see {@link sharedAxis}), so a fast and a slow stream look different.
 *
 * @example
 * ```ts
 * import { renderChart } from './chart.js';
 *
 * renderChart(document.querySelector('svg')!, [{ t: 120, size: 5 }, { t: 150, size: 0 }], 2000);
 * ```
 */
export function renderChart(
  svg: SVGSVGElement,
  arrivals: ReadonlyArray<{ t: number; size: number }>,
  spanMs: number,
): void {
  const x = (t: number) => (t / spanMs) * 297;
  const tallest = Math.max(1, ...arrivals.map((a) => a.size));
  svg.replaceChildren();
  const line = document.createElementNS(SVG, 'line');
  setAll(line, { x1: 0, y1: 47, x2: 300, y2: 47, stroke: '#bbb', 'stroke-width': 1 });
  svg.append(line);
  for (let second = 1000; second < spanMs; second += 1000) {
    const tick = document.createElementNS(SVG, 'line');
    setAll(tick, {
      class: 'tick',
      x1: x(second),
      y1: 0,
      x2: x(second),
      y2: 47,
      stroke: '#e3e6ee',
      'stroke-width': 1,
    });
    svg.append(tick);
  }
  for (const { t, size } of arrivals) {
    const bar = document.createElementNS(SVG, 'rect');
    const height = 3 + (40 * size) / tallest;
    const fill = size > 0 ? '#3f6fd8' : '#a9b4cc';
    setAll(bar, { class: 'arrival', x: x(t), y: 47 - height, width: 2, height, fill });
    svg.append(bar);
  }
}

function setAll(element: Element, attributes: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
}
