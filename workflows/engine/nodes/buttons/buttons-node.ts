import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { ButtonsNodeData } from './buttons-node-data';
import { buttonsNodeDataSchema } from './buttons-node-data';
import { buttonsNodeRuntime } from './buttons-node-runtime';
import { buttonsOutputs } from './buttons-outputs';

/** `buttons`: up to three reply buttons, one output each. */
export const buttonsNode: NodeDefinition<ButtonsNodeData> = {
  summary: 'Sends up to 3 reply buttons and branches on the one the customer picks.',
  dataSchema: buttonsNodeDataSchema,
  ...buttonsNodeRuntime,
  openingRole: () => 'session_message',
  // With the window closed nothing is sent and `timeout` is taken at once.
  outputsWithoutWaiting: (data, window) => (window === 'open' ? [] : [buttonsOutputs(data).timeout]),
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
