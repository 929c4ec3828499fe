import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { timeoutMinutesSchema } from '../timeout-minutes-schema';

const L = WHATSAPP_LIMITS;

export const listNodeDataSchema = z.object({
  text: z
    .string()
    .min(1, 'The message text is empty.')
    .max(L.interactiveBody, `The text of a list message can have at most ${L.interactiveBody} characters.`)
    .describe('The message shown with the list button; {{variables}} are filled in.'),
  header: z
    .string()
    .max(L.headerFooter, `A header can have at most ${L.headerFooter} characters.`)
    .optional(),
  footer: z
    .string()
    .max(L.headerFooter, `A footer can have at most ${L.headerFooter} characters.`)
    .optional(),
  buttonLabel: z
    .string()
    .min(1, 'The list button label is empty.')
    .max(L.listButtonLabel, `The list button label can have at most ${L.listButtonLabel} characters.`)
    .describe('Label of the button that opens the list, e.g. "Choose".'),
  sections: z
    .array(
      z.object({
        title: z
          .string()
          .max(L.listSectionTitle, `A section title can have at most ${L.listSectionTitle} characters.`)
          .optional(),
        rows: z
          .array(
            z.object({
              title: z
                .string()
                .min(1, 'The row title is empty.')
                .max(L.listRowTitle, `A row title can have at most ${L.listRowTitle} characters.`),
              description: z
                .string()
                .max(
                  L.listRowDescription,
                  `A row description can have at most ${L.listRowDescription} characters.`,
                )
                .optional(),
            }),
          )
          .min(1, 'A section needs at least one row.'),
      }),
    )
    .min(1, 'Add at least one section with rows.')
    .max(L.listSections, `WhatsApp allows at most ${L.listSections} sections.`)
    .describe(
      `Sections of rows; at most ${L.listRows} rows in total; each row gets its own output, in order.`,
    ),
  variable: z
    .string()
    .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.')
    .optional()
    .describe('Variable that receives the chosen row title (or the free text for "other").'),
  timeoutMinutes: timeoutMinutesSchema,
});
export type ListNodeData = z.infer<typeof listNodeDataSchema>;
