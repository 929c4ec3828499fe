import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { timeoutMinutesSchema } from '../timeout-minutes-schema';

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
  variable: z
    .string()
    .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.')
    .optional()
    .describe('Variable that receives the chosen button title (or the free text for "other").'),
  timeoutMinutes: timeoutMinutesSchema,
});
export type ButtonsNodeData = z.infer<typeof buttonsNodeDataSchema>;
