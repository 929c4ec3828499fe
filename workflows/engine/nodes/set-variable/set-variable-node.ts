import { z } from 'zod';
import { variableNameSchema } from '../node-field-schemas';
import { type NodeDefinition, passThroughBehaviour } from '../../node-definition';
import type { SetVariablePort } from './set-variable-node-runtime';

export const setVariableNodeDataSchema = z.object({
  assignments: z
    .array(
      z.object({
        variable: variableNameSchema,
        value: z
          .string()
          .describe('The new value; {{variables}} are filled in. Exactly "{{x}}" copies x with its type.'),
      }),
    )
    .min(1, 'Add at least one variable to set.')
    .describe('Applied in order, so a later assignment can use an earlier one.'),
});
export type SetVariableNodeData = z.infer<typeof setVariableNodeDataSchema>;

/** `set_variable`: assigns variables from templated values. */
export const setVariableNode: NodeDefinition<SetVariableNodeData, SetVariablePort> = {
  title: 'Set variable',
  summary: 'Sets one or more variables from templated values.',
  dataSchema: setVariableNodeDataSchema,
  ...passThroughBehaviour({ next: 'the variables were set' }),
  preview: (data) => data.assignments.map((a) => `${a.variable} = ${a.value}`).join('; '),
};
