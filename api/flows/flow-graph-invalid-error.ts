import type { FlowProblem } from '../../workflows/engine';
import { UnprocessableEntityError } from '../errors';

/** 422 `{"error":"Flow graph is invalid","problems":[{path,message,code,nodeId?}]}` listing every problem. */
export class FlowGraphInvalidError extends UnprocessableEntityError {
  override readonly fields: { problems: FlowProblem[] };

  constructor(readonly problems: FlowProblem[]) {
    super('Flow graph is invalid');
    this.fields = { problems };
  }
}
