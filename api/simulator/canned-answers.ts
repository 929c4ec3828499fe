import type { EffectKind } from '../../workflows/engine';
import type { CannedAnswer } from '../schemas/simulator';
import { SimulationScriptError } from './simulation-script-error';

/** Which answer fields fit each effect: a failure (`error`) fits them all. */
const FITTING_FIELD: Record<EffectKind, 'status' | 'text' | 'intent'> = {
  http_request: 'status',
  ai_reply: 'text',
  ai_router: 'intent',
};

/**
 * The script's canned effect answers, by node id: one answer serves every call of its node, a list
 * serves them in order and its last answer repeats.
 */
export class CannedAnswers {
  private readonly used = new Map<string, number>();

  constructor(private readonly answers: Record<string, CannedAnswer | CannedAnswer[]>) {}

  /**
   * The next answer for `nodeId`, or undefined when the script gave none.
   * @throws SimulationScriptError when the answer does not fit the node (e.g. a text for an http_request).
   */
  next(nodeId: string, kind: EffectKind): CannedAnswer | undefined {
    const given = this.answers[nodeId];
    if (given === undefined) return undefined;
    const list = Array.isArray(given) ? given : [given];
    const index = this.used.get(nodeId) ?? 0;
    this.used.set(nodeId, index + 1);
    const answer = list[Math.min(index, list.length - 1)];
    const field = FITTING_FIELD[kind];
    if (!('error' in answer) && !(field in answer)) {
      throw new SimulationScriptError(
        `answers.${nodeId}: node ${nodeId} is ${kind}, whose answer has "${field}" (or "error"), not ${JSON.stringify(answer)}`,
      );
    }
    return answer;
  }
}
