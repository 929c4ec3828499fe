/** Output ports by name (1-based, Drawflow's `output_n`). */
export const messageOutputs = { sent: 1, windowClosed: 2 } as const;
