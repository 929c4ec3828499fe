import { z } from 'zod';
import { choiceAnswerFields } from '../node-field-schemas';
import { choiceNodeBehaviour, type DataProblem, type NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import { type ListPort, listRows } from './list-node-runtime';

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
  ...choiceAnswerFields('row'),
});
export type ListNodeData = z.infer<typeof listNodeDataSchema>;

/** `list`: a WhatsApp list message, up to ten rows, one output each. */
export const listNode: NodeDefinition<ListNodeData, ListPort> = {
  title: 'List',
  summary: 'Sends a list of up to 10 rows (in sections) and branches on the row the customer picks.',
  dataSchema: listNodeDataSchema,
  ...choiceNodeBehaviour({
    'row_1 … row_n': 'one per row across sections, in order: the customer picked that row',
    other: 'the customer wrote something else; when unconnected, the list is sent again',
  }),
  preview: (data) => data.text,
  validate: validateListData,
};

function validateListData(data: ListNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  const total = listRows(data).length;
  if (total > WHATSAPP_LIMITS.listRows) {
    problems.push({
      path: ['sections'],
      message: `The list has ${total} rows; WhatsApp allows at most ${WHATSAPP_LIMITS.listRows} rows in total.`,
    });
  }
  const seen = new Set<string>();
  data.sections.forEach((section, s) =>
    section.rows.forEach((row, r) => {
      const key = row.title.trim().toLowerCase();
      if (seen.has(key)) {
        problems.push({
          path: ['sections', s, 'rows', r, 'title'],
          message: `Another row already has the title "${row.title}"; WhatsApp needs distinct row titles.`,
        });
      }
      seen.add(key);
    }),
  );
  if (data.sections.length > 1 && data.sections.some((section) => !section.title)) {
    problems.push({
      path: ['sections'],
      message: 'With more than one section, every section needs a title.',
    });
  }
  return problems;
}
