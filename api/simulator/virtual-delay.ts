const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** The longest single wait a script may ask for: beyond it nothing in a flow is still waiting. */
export const MAX_VIRTUAL_DELAY_MS = 90 * UNIT_MS.d;

/**
 * Parses a script's wait such as "+25h", "+90m", "+1d12h" or "+30s" into milliseconds.
 * @throws Error with a readable message when the text is not such a delay or exceeds 90 days.
 */
export function parseVirtualDelay(text: string): number {
  const match = /^\+((?:\d+[dhms])+)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a delay: write it like "+25h", "+90m", "+1d12h" or "+30s"`);
  let total = 0;
  for (const [, amount, unit] of match[1].matchAll(/(\d+)([dhms])/g)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  if (total === 0) throw new Error(`"${text}" waits no time`);
  if (total > MAX_VIRTUAL_DELAY_MS) throw new Error(`"${text}" is longer than 90 days`);
  return total;
}
