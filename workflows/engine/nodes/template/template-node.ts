import type { NodeDefinition } from '../../node-definition';
import { executeTemplateNode } from './execute-template-node';
import { templateNodeDataSchema, type TemplateNodeData } from './template-node-data';

/** `template`: an approved template, the only message WhatsApp allows outside the 24-hour window. */
export const templateNode: NodeDefinition<TemplateNodeData> = {
  summary: 'Sends an approved WhatsApp template; the only message allowed outside the 24-hour window.',
  dataSchema: templateNodeDataSchema,
  outputs: () => [{ name: 'sent', description: 'The template was sent.' }],
  openingRole: () => 'template',
  execute: executeTemplateNode,
};
