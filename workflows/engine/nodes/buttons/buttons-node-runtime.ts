import type { NodeRuntime } from '../../node-definition';
import type { ButtonsNodeData } from './buttons-node-data';
import { executeButtonsNode } from './execute-buttons-node';
import { resumeButtonsNode } from './resume-buttons-node';

/** `buttons` at run time: its outputs, executor and resumer. */
export const buttonsNodeRuntime: NodeRuntime<ButtonsNodeData> = {
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
  execute: executeButtonsNode,
  resume: resumeButtonsNode,
};
