import type { DataProblem, NodeDefinition } from '../../node-definition';
import { type ButtonsNodeData, buttonsNodeDataSchema } from './buttons-node-data';
import { executeButtonsNode } from './execute-buttons-node';
import { resumeButtonsNode } from './resume-buttons-node';

/** `buttons`: up to three reply buttons, one output each. */
export const buttonsNode: NodeDefinition<ButtonsNodeData> = {
  summary: 'Sends up to 3 reply buttons and branches on the one the customer picks.',
  dataSchema: buttonsNodeDataSchema,
  outputs: (data) => [
    ...data.buttons.map((button, i) => ({
      name: `button_${i + 1}`,
      description: `The customer picked "${button.title}".`,
    })),
    {
      name: 'other',
      description: 'The customer wrote something else (when unconnected, the buttons are sent again).',
    },
    {
      name: 'timeout',
      description:
        'No answer before the timeout or the end of the 24-hour window, or the window was already closed.',
      failure: true,
    },
  ],
  openingRole: () => 'session_message',
  execute: executeButtonsNode,
  resume: resumeButtonsNode,
  validate: validateButtonsData,
};

function validateButtonsData(data: ButtonsNodeData): DataProblem[] {
  const seen = new Map<string, number>();
  const problems: DataProblem[] = [];
  data.buttons.forEach((button, index) => {
    const key = button.title.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: ['buttons', index, 'title'],
        message: `Button ${index + 1} has the same title as button ${first + 1}; WhatsApp needs distinct titles.`,
      });
    } else seen.set(key, index);
  });
  return problems;
}
