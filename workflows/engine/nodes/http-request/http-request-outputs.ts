/** Output ports by name (1-based, Drawflow's `output_n`). */
export const httpRequestOutputs = { success: 1, failure: 2 } as const;
