/** Output ports by name (1-based, Drawflow's `output_n`). */
export const handoffOutputs = { released: 1, timeout: 2 } as const;
