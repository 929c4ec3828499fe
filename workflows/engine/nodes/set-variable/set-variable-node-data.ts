import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';

export const setVariableNodeDataSchema = z.object({
  assignments: z
    .array(
      z.object({
        variable: z
          .string()
          .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.'),
        value: z
          .string()
          .describe('The new value; {{variables}} are filled in. Exactly "{{x}}" copies x with its type.'),
      }),
    )
    .min(1, 'Add at least one variable to set.')
    .describe('Applied in order, so a later assignment can use an earlier one.'),
});
export type SetVariableNodeData = z.infer<typeof setVariableNodeDataSchema>;
