/**
 * A small hand-written SVG line chart (no dependency): one or two y axes over categorical x labels.
 * Used for "how the figure changes as the load doubles", where a curve says more than a number.
 */

/** One line of the chart. */
export interface ChartLine {
  name: string;
  values: number[];
  /** Which y axis it is read against. */
  axis: 'left' | 'right';
  color: string;
}

/** What to draw. */
export interface LineChart {
  title: string;
  /** A smaller line under the title, e.g. the Temporal server the figures ran on. */
  subtitle?: string;
  xLabel: string;
  xTicks: string[];
  leftUnit: string;
  rightUnit?: string;
  lines: ChartLine[];
}

const WIDTH = 640;
const HEIGHT = 360;
const PAD = { left: 70, right: 70, top: 48, bottom: 60 };
const LEGEND_ROW = 16;

/** Renders `chart` as a standalone SVG document. */
export function renderLineChart(chart: LineChart): string {
  // Two legend entries per row under the plot; the chart grows by one row per pair past the first.
  const legendRows = Math.ceil(chart.lines.length / 2);
  const height = HEIGHT + Math.max(0, legendRows - 1) * LEGEND_ROW;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const maxOf = (axis: 'left' | 'right') =>
    niceCeiling(
      Math.max(
        0,
        ...chart.lines.filter((l) => l.axis === axis).flatMap((l) => l.values.filter(Number.isFinite)),
      ),
    );
  const max = { left: maxOf('left'), right: maxOf('right') };
  const x = (i: number) =>
    PAD.left + (chart.xTicks.length === 1 ? plotWidth / 2 : (i / (chart.xTicks.length - 1)) * plotWidth);
  const y = (value: number, axis: 'left' | 'right') =>
    PAD.top + plotHeight - (value / (max[axis] || 1)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  if (chart.subtitle)
    parts.push(
      `<text x="${WIDTH / 2}" y="36" text-anchor="middle" font-size="11" fill="#555">${escapeXml(chart.subtitle)}</text>`,
    );
  for (let step = 0; step <= 4; step++) {
    const fraction = step / 4;
    const gy = PAD.top + plotHeight - fraction * plotHeight;
    parts.push(`<line x1="${PAD.left}" y1="${gy}" x2="${PAD.left + plotWidth}" y2="${gy}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${PAD.left - 6}" y="${gy + 4}" text-anchor="end">${formatNumber(max.left * fraction)}</text>`,
    );
    if (chart.rightUnit)
      parts.push(
        `<text x="${PAD.left + plotWidth + 6}" y="${gy + 4}">${formatNumber(max.right * fraction)}</text>`,
      );
  }
  chart.xTicks.forEach((tick, i) =>
    parts.push(
      `<text x="${x(i)}" y="${PAD.top + plotHeight + 18}" text-anchor="middle">${escapeXml(tick)}</text>`,
    ),
  );
  parts.push(
    `<text x="${PAD.left + plotWidth / 2}" y="${HEIGHT - 24}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${PAD.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.leftUnit)}</text>`,
  );
  if (chart.rightUnit)
    parts.push(
      `<text transform="translate(${WIDTH - 12} ${PAD.top + plotHeight / 2}) rotate(90)" text-anchor="middle">${escapeXml(chart.rightUnit)}</text>`,
    );
  chart.lines.forEach((line, index) => {
    const points = line.values
      .map((value, i) =>
        Number.isFinite(value) ? `${x(i).toFixed(1)},${y(value, line.axis).toFixed(1)}` : null,
      )
      .filter((point): point is string => point !== null);
    const dash = line.axis === 'right' ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${line.color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`,
    );
    for (const point of points) {
      const [px, py] = point.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3" fill="${line.color}"/>`);
    }
    const legendX = PAD.left + (index % 2) * 260;
    const legendY = HEIGHT - 8 + Math.floor(index / 2) * LEGEND_ROW;
    parts.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 20}" y2="${legendY}" stroke="${line.color}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 26}" y="${legendY + 4}">${escapeXml(`${line.name} (${line.axis === 'left' ? chart.leftUnit : chart.rightUnit})`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Rounds up to 1, 2 or 5 × a power of ten, so axis labels are readable. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

function formatNumber(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string,
  );
}
