import type { NodeRuntime } from '../../node-definition';
import { executeQuestionNode } from './execute-question-node';
import type { QuestionNodeData } from './question-node-data';
import { resumeQuestionNode } from './resume-question-node';

/** `question` at run time: its outputs, executor and resumer. */
export const questionNodeRuntime: NodeRuntime<QuestionNodeData> = {
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
  execute: executeQuestionNode,
  resume: resumeQuestionNode,
};
