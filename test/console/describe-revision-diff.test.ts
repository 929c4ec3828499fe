/** The revisions pane's diff as text (console/src/revisions/describe-revision-diff.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRevisionDiff } from '../../console/src/revisions/describe-revision-diff';
import type { FlowRevisionDiff } from '../../console/src/revisions/flow-revision';

const empty: FlowRevisionDiff = {
  number: 2,
  against: 1,
  nodes: { added: [], removed: [], changed: [] },
  connections: { added: [], removed: [] },
};

describe('describeRevisionDiff', () => {
  const cases: { name: string; diff: Partial<FlowRevisionDiff>; lines: unknown[] }[] = [
    { name: 'nothing changed', diff: {}, lines: [] },
    {
      name: 'nodes added and removed, by id and the type’s title',
      diff: {
        nodes: {
          added: [{ nodeId: '5', type: 'handoff' }],
          removed: [{ nodeId: '4', type: 'no_such_type' }],
          changed: [],
        },
      },
      lines: [
        { change: 'added', text: 'Added node 5 (Handoff)', details: [] },
        { change: 'removed', text: 'Removed node 4 (no_such_type)', details: [] },
      ],
    },
    {
      name: 'a changed node lists each field old → new, (none) where it is missing, and a type change',
      diff: {
        nodes: {
          added: [],
          removed: [],
          changed: [
            {
              nodeId: '3',
              type: 'message',
              oldType: 'question',
              fields: [
                { field: 'text', old: 'Thanks!', new: 'Thank you <b>now</b>' },
                { field: 'timeoutMinutes', new: 60 },
                { field: 'buttons', old: ['Yes', 'No'] },
              ],
            },
          ],
        },
      },
      lines: [
        {
          change: 'changed',
          text: 'Changed node 3 (Message)',
          details: [
            'type: question → message',
            'text: "Thanks!" → "Thank you <b>now</b>"',
            'timeoutMinutes: (none) → 60',
            'buttons: ["Yes","No"] → (none)',
          ],
        },
      ],
    },
    {
      name: 'connections by their port name, or the Drawflow output without one',
      diff: {
        connections: {
          added: [{ from: '2', output: 'output_2', port: 'timeout', to: '5' }],
          removed: [{ from: '1', output: 'output_1', to: '2' }],
        },
      },
      lines: [
        { change: 'added', text: 'Connected node 2 (timeout) → node 5', details: [] },
        { change: 'removed', text: 'Disconnected node 1 (output_1) → node 2', details: [] },
      ],
    },
  ];
  for (const { name, diff, lines } of cases) {
    test(name, () => assert.deepEqual(describeRevisionDiff({ ...empty, ...diff }), lines));
  }

  test('a long value is cut with an ellipsis', () => {
    const [line] = describeRevisionDiff({
      ...empty,
      nodes: {
        added: [],
        removed: [],
        changed: [
          { nodeId: '3', type: 'message', fields: [{ field: 'text', old: 'a', new: 'x'.repeat(500) }] },
        ],
      },
    });
    assert.match(line.details[0], /^text: "a" → "x{118}…$/);
  });
});
