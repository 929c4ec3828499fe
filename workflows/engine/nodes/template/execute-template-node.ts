import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import type { TemplateNodeData } from './template-node-data';

/** Sends the approved template with rendered parameters. Allowed whether or not the window is open. */
export function executeTemplateNode(ctx: NodeContext<TemplateNodeData>): NodeResult {
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { name, language, bodyParams, headerParams, buttonParams } = ctx.data;
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'template',
          name,
          language,
          bodyParams: (bodyParams ?? []).map(render),
          headerParams: headerParams?.map(render),
          buttonParams: buttonParams?.map((button) => ({ ...button, value: render(button.value) })),
        },
      },
    ],
    then: { kind: 'next', output: 1 },
  };
}
