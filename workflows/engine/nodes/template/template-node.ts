import type { NodeDefinition } from '../../node-definition';
import { templateNodeDataSchema, type TemplateNodeData } from './template-node-data';
import { templateNodeRuntime } from './template-node-runtime';

/** `template`: an approved template, the only message WhatsApp allows outside the 24-hour window. */
export const templateNode: NodeDefinition<TemplateNodeData> = {
  summary: 'Sends an approved WhatsApp template; the only message allowed outside the 24-hour window.',
  dataSchema: templateNodeDataSchema,
  ...templateNodeRuntime,
  openingRole: () => 'template',
};
