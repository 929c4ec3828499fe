import type { NodeRuntime } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { TemplateNodeData } from './template-node';

export type TemplatePort = 'sent';

/** `template` at run time: sends the approved template with rendered parameters, window open or not. */
export const templateNodeRuntime: NodeRuntime<TemplateNodeData, TemplatePort> = {
  ports: () => ['sent'],
  execute: (ctx) => {
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
      then: { next: 'sent' },
    };
  },
};
