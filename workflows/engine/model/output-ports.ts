/**
 * The one place that maps a node's named output ports to Drawflow's `output_n` keys: port `i`
 * (0-based, in the order the node's runtime lists them) is stored as `output_${i + 1}`.
 */

const OUTPUT_KEY = /^output_([1-9]\d*)$/;

/** Drawflow's key for the port at `index` (0-based). */
export function outputKeyOf(index: number): string {
  return `output_${index + 1}`;
}

/** The 0-based port index of a Drawflow output key (`output_3` → 2), or null when it is not one. */
export function portIndexOfKey(key: string): number | null {
  const match = OUTPUT_KEY.exec(key);
  return match ? Number(match[1]) - 1 : null;
}

/** The 0-based index of the port named `port` among `ports`, or -1 when the node has no such port. */
export function portIndexOf(ports: readonly string[], port: string): number {
  return ports.indexOf(port);
}
