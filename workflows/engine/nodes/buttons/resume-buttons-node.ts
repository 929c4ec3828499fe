import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { resumeChoiceNode } from '../resume-choice-node';
import type { ButtonsNodeData } from './buttons-node-data';
import { buttonReplyId, buttonsOutputs, renderButtonTitles } from './buttons-outputs';
import { executeButtonsNode } from './execute-buttons-node';

/** A tapped or typed button → its output; anything else → `other`, or the buttons again. */
export function resumeButtonsNode(ctx: NodeContext<ButtonsNodeData>, event: NodeEvent): NodeResult {
  return resumeChoiceNode(ctx, event, {
    outputs: buttonsOutputs(ctx.data),
    titles: renderButtonTitles(ctx.data, ctx.state.variables),
    replyIdOf: (index) => buttonReplyId(ctx.nodeId, index),
    resend: executeButtonsNode,
  });
}
