/** Output ports by name (1-based, Drawflow's `output_n`). */
export const questionOutputs = { answered: 1, invalid: 2, timeout: 3 } as const;

export const DEFAULT_QUESTION_RETRIES = 2;
