const SVG = 'http://www.w3.org/2000/svg';

/**
 * Draws chunk arrival times into an inline SVG: one bar per chunk at its arrival time, its height the
 * chunk's size, over a timeline that stretches to the latest arrival.
 *
 * @param svg - the chart element (`viewBox="0 0 300 48"`).
 * @param arrivals - arrival time in ms since the request started, and size in characters.
 *
 * @example
 * ```ts
 * import { renderChart } from './chart.js';
 *
 * renderChart(document.querySelector('svg')!, [{ t: 120, size: 5 }, { t: 150, size: 3 }]);
 * ```
 */
export function renderChart(svg: SVGSVGElement, arrivals: ReadonlyArray<{ t: number; size: number }>): void {
  const span = Math.max(1000, ...arrivals.map((a) => a.t));
  const tallest = Math.max(1, ...arrivals.map((a) => a.size));
  svg.replaceChildren();
  const axis = document.createElementNS(SVG, 'line');
  setAll(axis, { x1: 0, y1: 47, x2: 300, y2: 47, stroke: '#bbb', 'stroke-width': 1 });
  svg.append(axis);
  for (const { t, size } of arrivals) {
    const bar = document.createElementNS(SVG, 'rect');
    const height = 4 + (40 * size) / tallest;
    setAll(bar, { class: 'arrival', x: (t / span) * 297, y: 47 - height, width: 2, height, fill: '#3f6fd8' });
    svg.append(bar);
  }
}

function setAll(element: Element, attributes: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
}
