/** Output ports by name (1-based, Drawflow's `output_n`). */
export const aiReplyOutputs = { success: 1, failure: 2 } as const;
