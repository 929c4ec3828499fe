/**
 * Reads a V8 `.cpuprofile` (written by `node --cpu-prof`) and says where the time went: self time
 * by area (our folders, each npm package, node internals, idle/GC) and the hottest functions.
 * Used by `npm run bench -- --profile` to put "where the time goes" next to a missed target.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one area or function, in ms and as a share of the profile. */
export interface ProfileShare {
  name: string;
  ms: number;
  percent: number;
}

/** What {@link summarizeCpuProfile} found. */
export interface ProfileSummary {
  totalMs: number;
  /** Sampled time not spent idle: what the thread actually used. */
  busyMs: number;
  byArea: ProfileShare[];
  topFunctions: ProfileShare[];
}

/** Summarises the profile at `file`. */
export function summarizeCpuProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const area = classify(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const shares = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({
        name,
        ms: Math.round(ms),
        percent: Math.round((ms / (total || 1)) * 1000) / 10,
      }));
  const busy = total - (areas.get('(idle)') ?? 0);
  return {
    totalMs: Math.round(total),
    busyMs: Math.round(busy),
    byArea: shares(areas),
    topFunctions: shares(functions),
  };
}

/** Renders a summary as Markdown. */
export function renderProfileSummary(title: string, summary: ProfileSummary): string {
  const table = (rows: ProfileShare[]) =>
    [
      '| where | self ms | share |',
      '|---|---|---|',
      ...rows.map((row) => `| ${row.name} | ${row.ms} | ${row.percent}% |`),
    ].join('\n');
  return [
    `### ${title} (${summary.totalMs} ms sampled, ${summary.busyMs} ms busy)`,
    '',
    table(summary.byArea),
    '',
    table(summary.topFunctions),
    '',
  ].join('\n');
}

function classify(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const local = url.replace(/^file:\/\//, '');
  if (local.startsWith(REPO_ROOT)) return `${path.relative(REPO_ROOT, local).split(path.sep)[0]}/`;
  return shorten(url);
}

function shorten(url: string): string {
  const local = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
  return local.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, local) : local;
}
