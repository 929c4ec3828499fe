import { formatDuration } from '../format-duration';

/** The answer of `POST /api/flows/{id}/simulate` (api/schemas/simulator.ts), the parts the pane shows. */
export interface SimulationResult {
  /** The revision played; null for the flow as saved. */
  revision: number | null;
  startedAt: string;
  endedAt: string;
  steps: SimulatedStep[];
  outcome: { status: string; reason: string | null; nodeId: string | null; at: string };
  warnings: string[];
}

export interface SimulatedStep {
  at: string;
  /** The script entry that caused the step; null for the start, timers and effect answers. */
  scriptIndex: number | null;
  input:
    | { type: 'start'; trigger: string }
    | { type: 'customer'; text: string; choice?: string }
    | { type: 'agent'; action: 'takeover' | 'release' }
    | { type: 'timer'; waitedOn: string }
    | { type: 'effect' };
  messages: { nodeId: string; kind: string; text: string }[];
  waiting: { nodeId: string; for: string; until: string | null } | null;
  status: string;
  notes: string[];
}

/** "+1d 1h", "+25m", "+0s": the virtual time since the start, for the transcript's separators. */
export function formatElapsed(fromIso: string, toIso: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  return `+${formatDuration(seconds * 1000)}`;
}
