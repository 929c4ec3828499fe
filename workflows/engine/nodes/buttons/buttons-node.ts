import { z } from 'zod';
import { choiceAnswerFields } from '../node-field-schemas';
import { choiceNodeBehaviour, type DataProblem, type NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import type { ButtonsPort } from './buttons-node-runtime';

const { buttons, buttonTitle, interactiveBody, headerFooter } = WHATSAPP_LIMITS;

export const buttonsNodeDataSchema = z.object({
  text: z
    .string()
    .min(1, 'The message text is empty.')
    .max(interactiveBody, `The text above buttons can have at most ${interactiveBody} characters.`)
    .describe('The question shown above the buttons; {{variables}} are filled in.'),
  header: z.string().max(headerFooter, `A header can have at most ${headerFooter} characters.`).optional(),
  footer: z.string().max(headerFooter, `A footer can have at most ${headerFooter} characters.`).optional(),
  buttons: z
    .array(
      z.object({
        title: z
          .string()
          .min(1, 'The button title is empty.')
          .max(buttonTitle, `A button title can have at most ${buttonTitle} characters.`),
      }),
    )
    .min(1, 'Add at least one button.')
    .max(buttons, `WhatsApp allows at most ${buttons} buttons; use a list for more choices.`)
    .describe('Reply buttons; each gets its own output, in order.'),
  ...choiceAnswerFields('button'),
});
export type ButtonsNodeData = z.infer<typeof buttonsNodeDataSchema>;

/** `buttons`: up to three reply buttons, one output each. */
export const buttonsNode: NodeDefinition<ButtonsNodeData, ButtonsPort> = {
  title: 'Buttons',
  summary: 'Sends up to 3 reply buttons and branches on the one the customer picks.',
  dataSchema: buttonsNodeDataSchema,
  ...choiceNodeBehaviour({
    'button_1 … button_n': 'one per button, in order: the customer picked that button',
    other: 'the customer wrote something else; when unconnected, the buttons are sent again',
  }),
  preview: (data) => `${data.text} [${data.buttons.map((button) => button.title).join(' | ')}]`,
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
