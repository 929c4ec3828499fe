import { z } from 'zod';
import { conditionOperators } from './condition-operators';

export const conditionNodeDataSchema = z.object({
  rules: z
    .array(
      z.object({
        variable: z
          .string()
          .min(1, 'Name the variable the rule checks.')
          .describe('Variable to check; dot paths reach into objects (order.total).'),
        operator: z.enum(conditionOperators),
        value: z
          .string()
          .optional()
          .describe('What to compare with; {{variables}} are filled in. Text comparisons ignore case.'),
        label: z.string().max(60).optional().describe("A name for the rule's output."),
      }),
    )
    .min(1, 'Add at least one rule.')
    .max(20, 'A condition can have at most 20 rules.')
    .describe('Checked in order; the first rule that holds picks its output, else the last output.'),
});
export type ConditionNodeData = z.infer<typeof conditionNodeDataSchema>;
export type ConditionRule = ConditionNodeData['rules'][number];
