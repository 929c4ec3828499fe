import type { DataProblem, NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { executeListNode } from './execute-list-node';
import { listNodeDataSchema, listRows, type ListNodeData } from './list-node-data';
import { resumeListNode } from './resume-list-node';

/** `list`: a WhatsApp list message, up to ten rows, one output each. */
export const listNode: NodeDefinition<ListNodeData> = {
  summary: 'Sends a list of up to 10 rows (in sections) and branches on the row the customer picks.',
  dataSchema: listNodeDataSchema,
  outputs: (data) => [
    ...listRows(data).map((row, i) => ({
      name: `row_${i + 1}`,
      description: `The customer picked "${row.title}".`,
    })),
    {
      name: 'other',
      description: 'The customer wrote something else (when unconnected, the list is sent again).',
    },
    {
      name: 'timeout',
      description:
        'No answer before the timeout or the end of the 24-hour window, or the window was already closed.',
      failure: true,
    },
  ],
  openingRole: () => 'session_message',
  execute: executeListNode,
  resume: resumeListNode,
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
