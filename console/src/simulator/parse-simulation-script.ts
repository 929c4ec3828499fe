/**
 * The simulator pane's script language, one entry per line, into the script of
 * `POST /api/flows/{id}/simulate`:
 *
 *   Hello                 the customer writes "Hello" (also `customer: Hello`)
 *   choose: Yes           the customer taps the button or list row "Yes" (by title or id)
 *   wait: +25h            virtual time passes (also a bare `+25h`); the API checks the duration
 *   agent: takeover       an agent takes the conversation over (`agent: release` hands it back)
 *
 * Blank lines are skipped. Pure, so it is tested without a browser.
 */

/** One script entry, as the simulate API takes it. */
export type SimulationScriptEntry =
  { customer: string } | { choose: string } | { wait: string } | { agent: 'takeover' | 'release' };

/** The script, or the problems of the lines that are not entries (1-based line numbers). */
export interface ParsedScript {
  script: SimulationScriptEntry[];
  errors: string[];
}

const PREFIXED = /^(customer|choose|wait|agent)\s*:\s*(.*)$/i;
const BARE_DELAY = /^\+\S+$/;

export function parseSimulationScript(text: string): ParsedScript {
  const script: SimulationScriptEntry[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    if (BARE_DELAY.test(line)) {
      script.push({ wait: line });
      return;
    }
    const match = PREFIXED.exec(line);
    if (!match) {
      script.push({ customer: line });
      return;
    }
    const [, keyword, rest] = match;
    const value = rest.trim();
    const kind = keyword.toLowerCase();
    if (value === '') {
      errors.push(`Line ${index + 1}: "${kind}:" needs a value`);
    } else if (kind === 'customer') {
      script.push({ customer: value });
    } else if (kind === 'choose') {
      script.push({ choose: value });
    } else if (kind === 'wait') {
      script.push({ wait: value.startsWith('+') ? value : `+${value}` });
    } else if (value === 'takeover' || value === 'release') {
      script.push({ agent: value });
    } else {
      errors.push(`Line ${index + 1}: "agent:" is followed by takeover or release`);
    }
  });
  return { script, errors };
}
