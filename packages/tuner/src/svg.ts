/** Small self-contained SVG charts for the HTML report (no scripts, no external assets). */

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw points only (measured samples) instead of a line (model). */
  readonly dots?: boolean;
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logX?: boolean;
  readonly yMin?: number;
  readonly yMax?: number;
  readonly markers?: readonly { readonly x: number; readonly label: string }[];
}

const WIDTH = 640;
const HEIGHT = 360;
const PAD = { left: 64, right: 150, top: 36, bottom: 48 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22', '#393b79', '#637939'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function lineChart(options: LineChartOptions): string {
  const all = options.series.flatMap((s) => s.points);
  if (all.length === 0) return `<svg role="img" aria-label="${escapeHtml(options.title)}" width="${WIDTH}" height="60"><text x="10" y="30">${escapeHtml(options.title)}: no data</text></svg>`;
  const tx = (x: number): number => (options.logX ? Math.log10(Math.max(x, 1e-12)) : x);
  const xs = all.map((p) => tx(p[0]));
  const ys = all.map((p) => p[1]);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs) === xMin ? xMin + 1 : Math.max(...xs);
  const yMin = options.yMin ?? Math.min(0, ...ys);
  const yMaxRaw = options.yMax ?? Math.max(...ys);
  const yMax = yMaxRaw === yMin ? yMin + 1 : yMaxRaw;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number): number => PAD.left + ((tx(x) - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number): number => PAD.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeHtml(options.title)}</text>`);
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#333"/>`);
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const y = yMin + ((yMax - yMin) * i) / 4;
    parts.push(`<text x="${PAD.left - 6}" y="${sy(y) + 4}" text-anchor="end" font-size="11">${formatTick(y)}</text>`);
    parts.push(`<line x1="${PAD.left}" y1="${sy(y)}" x2="${PAD.left + plotW}" y2="${sy(y)}" stroke="#eee"/>`);
    const xt = xMin + ((xMax - xMin) * i) / 4;
    const xv = options.logX ? 10 ** xt : xt;
    parts.push(`<text x="${sx(xv)}" y="${PAD.top + plotH + 16}" text-anchor="middle" font-size="11">${formatTick(xv)}</text>`);
  }
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="12">${escapeHtml(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeHtml(options.yLabel)}</text>`);
  options.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length] ?? '#000';
    const pts = [...series.points].sort((a, b) => a[0] - b[0]);
    if (series.dots) {
      for (const [x, y] of pts) parts.push(`<circle class="point" cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3.5" fill="${color}"/>`);
    } else {
      const d = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
      parts.push(`<path class="series" d="${d}" fill="none" stroke="${color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    const ly = PAD.top + 14 * index;
    parts.push(`<rect x="${WIDTH - PAD.right + 10}" y="${ly}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${WIDTH - PAD.right + 24}" y="${ly + 9}" font-size="11">${escapeHtml(series.name)}</text>`);
  });
  for (const marker of options.markers ?? []) {
    const x = sx(marker.x);
    parts.push(`<line class="marker" x1="${x}" y1="${PAD.top}" x2="${x}" y2="${PAD.top + plotH}" stroke="#000" stroke-dasharray="3 3"/>`);
    parts.push(`<text x="${x + 4}" y="${PAD.top + 12}" font-size="11">${escapeHtml(marker.label)}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(options.title)}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">${parts.join('')}</svg>`;
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}

export function barChart(title: string, unit: string, bars: readonly Bar[]): string {
  const rowH = 28;
  const height = 40 + bars.length * rowH;
  const max = Math.max(...bars.map((b) => b.value), 1e-12);
  const labelW = 220;
  const barW = WIDTH - labelW - 120;
  const rows = bars.map((bar, i) => {
    const y = 32 + i * rowH;
    const w = Math.max(1, (bar.value / max) * barW);
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(bar.label)}</text>`
      + `<rect class="bar" x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${COLORS[i % COLORS.length] ?? '#000'}"/>`
      + `<text x="${labelW + w + 6}" y="${y + 15}" font-size="12">${formatTick(bar.value)} ${escapeHtml(unit)}${bar.note ? ` ${escapeHtml(bar.note)}` : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif"><text x="${WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeHtml(title)}</text>${rows.join('')}</svg>`;
}

function formatTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
  if (abs >= 10 || abs === 0) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(1);
  return value.toFixed(2);
}
