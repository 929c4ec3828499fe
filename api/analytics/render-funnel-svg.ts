/**
 * The analytics as a funnel picture: one bar per node in flow order, as long as the node's entries
 * (scaled to the busiest node), split into those that left (green), dropped (red) and the rest
 * (grey: ended at an end node). Plain SVG with presentation attributes only, no script and no
 * style sheet, so the API's `default-src 'none'` policy shows it as it is; every text is escaped.
 */
import type { FlowAnalytics } from './read-flow-analytics';

const WIDTH = 760;
const ROW = 30;
const TOP = 56;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 300;
const COLOURS = { left: '#2e7d32', dropped: '#c62828', rest: '#9e9e9e' };

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The funnel of `analytics` as an SVG document. */
export function renderFunnelSvg(analytics: FlowAnalytics): string {
  const busiest = Math.max(1, ...analytics.nodes.map((node) => node.entered));
  const height = TOP + analytics.nodes.length * ROW + 16;
  const { started, completed, failed, handedOver, stopped } = analytics.conversations;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<text x="8" y="20" font-weight="bold">${escapeXml(`${analytics.period.from} – ${analytics.period.to}`)}</text>`,
    `<text x="8" y="40">${escapeXml(`started ${started} · completed ${completed} · failed ${failed} · stopped ${stopped} · handed over ${handedOver}`)}</text>`,
  ];
  analytics.nodes.forEach((node, index) => {
    const y = TOP + index * ROW;
    const left = Object.values(node.left).reduce((sum, n) => sum + n, 0);
    const scale = (n: number) => (n / busiest) * BAR_WIDTH;
    const leftWidth = scale(Math.min(left, node.entered));
    const droppedWidth = scale(Math.min(node.dropped, Math.max(0, node.entered - left)));
    const restWidth = Math.max(0, scale(node.entered) - leftWidth - droppedWidth);
    lines.push(
      `<text x="8" y="${y + 19}">${escapeXml(`${node.nodeId} · ${node.type}`)}</text>`,
      bar(LABEL_WIDTH, y + 6, leftWidth, COLOURS.left),
      bar(LABEL_WIDTH + leftWidth, y + 6, droppedWidth, COLOURS.dropped),
      bar(LABEL_WIDTH + leftWidth + droppedWidth, y + 6, restWidth, COLOURS.rest),
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 12}" y="${y + 19}">${escapeXml(`entered ${node.entered} · left ${left} · dropped ${node.dropped}`)}</text>`,
    );
  });
  lines.push('</svg>');
  return lines.filter((line) => line !== '').join('\n');
}

function bar(x: number, y: number, width: number, fill: string): string {
  return width > 0
    ? `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="18" fill="${fill}"/>`
    : '';
}
