import type { NodeRuntime } from '../../node-definition';
import { executeTemplateNode } from './execute-template-node';
import type { TemplateNodeData } from './template-node-data';

/** `template` at run time: its outputs and executor. */
export const templateNodeRuntime: NodeRuntime<TemplateNodeData> = {
  outputs: () => [{ name: 'sent', description: 'The template was sent.' }],
  execute: executeTemplateNode,
};
