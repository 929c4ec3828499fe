import type { DataProblem, NodeDefinition } from '../../node-definition';
import { executeQuestionNode } from './execute-question-node';
import { questionNodeDataSchema, type QuestionNodeData } from './question-node-data';
import { resumeQuestionNode } from './resume-question-node';

/** `question`: asks, validates, saves the answer, re-prompts, times out. */
export const questionNode: NodeDefinition<QuestionNodeData> = {
  summary:
    'Asks a question, validates the answer (text/number/email/phone/choice) and saves it to a variable.',
  dataSchema: questionNodeDataSchema,
  outputs: () => [
    { name: 'answered', description: 'A valid answer was saved to the variable.' },
    { name: 'invalid', description: 'Still no valid answer after the retries.', failure: true },
    {
      name: 'timeout',
      description:
        'No answer before the timeout or the end of the 24-hour window, or the window was closed for the prompt.',
      failure: true,
    },
  ],
  openingRole: (data) => (data.prompt ? 'session_message' : 'awaits_reply'),
  execute: executeQuestionNode,
  resume: resumeQuestionNode,
  validate: validateQuestionData,
};

function validateQuestionData(data: QuestionNodeData): DataProblem[] {
  if (data.validation === 'choice' && (data.choices ?? []).length === 0) {
    return [{ path: ['choices'], message: 'A choice question needs at least one choice.' }];
  }
  return [];
}
