import type { DataProblem, NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';
import type { ListNodeData } from './list-node-data';
import { listNodeDataSchema } from './list-node-data';
import { listRows } from './list-outputs';
import { listNodeRuntime } from './list-node-runtime';
import { listOutputs } from './list-outputs';

/** `list`: a WhatsApp list message, up to ten rows, one output each. */
export const listNode: NodeDefinition<ListNodeData> = {
  summary: 'Sends a list of up to 10 rows (in sections) and branches on the row the customer picks.',
  dataSchema: listNodeDataSchema,
  ...listNodeRuntime,
  openingRole: () => 'session_message',
  // With the window closed nothing is sent and `timeout` is taken at once.
  outputsWithoutWaiting: (data, window) => (window === 'open' ? [] : [listOutputs(data).timeout]),
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
