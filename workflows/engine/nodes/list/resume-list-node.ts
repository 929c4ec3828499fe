import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { resumeChoiceNode } from '../resume-choice-node';
import { executeListNode } from './execute-list-node';
import type { ListNodeData } from './list-node-data';
import { listOutputs, listRowReplyId, renderRowTitles } from './list-outputs';

/** A picked row (by reply id or typed title) → its output; anything else → `other`, or the list again. */
export function resumeListNode(ctx: NodeContext<ListNodeData>, event: NodeEvent): NodeResult {
  return resumeChoiceNode(ctx, event, {
    outputs: listOutputs(ctx.data),
    titles: renderRowTitles(ctx.data, ctx.state.variables),
    replyIdOf: (index) => listRowReplyId(ctx.nodeId, index),
    resend: executeListNode,
  });
}
