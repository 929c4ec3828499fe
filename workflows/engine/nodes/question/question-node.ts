import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { QuestionNodeData } from './question-node-data';
import { questionNodeDataSchema } from './question-node-data';
import { questionNodeRuntime } from './question-node-runtime';
import { questionOutputs } from './question-outputs';

/** `question`: asks, validates, saves the answer, re-prompts, times out. */
export const questionNode: NodeDefinition<QuestionNodeData> = {
  summary:
    'Asks a question, validates the answer (text/number/email/phone/choice) and saves it to a variable.',
  dataSchema: questionNodeDataSchema,
  ...questionNodeRuntime,
  openingRole: (data) => (data.prompt ? 'session_message' : 'awaits_reply'),
  // A prompt cannot be sent with the window closed: `timeout` is taken at once. Without one it only waits.
  outputsWithoutWaiting: (data, window) =>
    data.prompt && window === 'closed' ? [questionOutputs.timeout] : [],
  validate: validateQuestionData,
};

function validateQuestionData(data: QuestionNodeData): DataProblem[] {
  if (data.validation === 'choice' && (data.choices ?? []).length === 0) {
    return [{ path: ['choices'], message: 'A choice question needs at least one choice.' }];
  }
  return [];
}
