/**
 * Keeps the "add a node type" walk-through in docs/ARCHITECTURE.md honest: every node type is two
 * files and one line in each registry, and a new type (`echo`, defined only here) needs nothing else.
 *
 * The registries are static records, so the example cannot join the real ones from a test; it is
 * registered the same way on a copy of each (`{ ...nodeRuntimes, echo: … }`), and the copy of the
 * catalogue is checked with the very type the real one satisfies (`CatalogueFor<typeof runtimes>`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  isWindowOpen,
  nodeCatalogue,
  nodeRuntimes,
  nodeTypes,
  outputKeyOf,
  portIndexOf,
  type CatalogueFor,
  type FlowState,
  type NodeContext,
  type NodeDefinition,
  type NodeRuntime,
} from '../../workflows/engine';
import { MINUTE, T0 } from './engine-test-kit';

const ENGINE = join(__dirname, '../../workflows/engine');
const kebab = (type: string) => type.replaceAll('_', '-');

/**
 * The one file of fields several editing files share; anything else in nodes/ must be a node type's
 * folder (what several runtimes share lives in node-runtime.ts).
 */
const SHARED_NODE_HELPERS = ['node-field-schemas.ts'];

describe('adding a node type', () => {
  it('each node type is exactly two files: <type>-node.ts (editing side) and <type>-node-runtime.ts (run side)', () => {
    const entries = readdirSync(join(ENGINE, 'nodes'), { withFileTypes: true });
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    assert.deepEqual(folders.sort(), nodeTypes.map(kebab).sort());
    assert.deepEqual(files.sort(), SHARED_NODE_HELPERS);
    for (const type of nodeTypes) {
      const name = kebab(type);
      assert.deepEqual(readdirSync(join(ENGINE, 'nodes', name)).sort(), [
        `${name}-node-runtime.ts`,
        `${name}-node.ts`,
      ]);
    }
  });

  it('each node type is one line in each registry, and the run side never imports the editing side', () => {
    const runtimes = readFileSync(join(ENGINE, 'node-runtimes.ts'), 'utf8');
    const catalogue = readFileSync(join(ENGINE, 'catalogue.ts'), 'utf8');
    for (const type of nodeTypes) {
      const name = kebab(type);
      const runtime = readFileSync(join(ENGINE, 'nodes', name, `${name}-node-runtime.ts`), 'utf8');
      assert.equal(count(runtimes, `'./nodes/${name}/${name}-node-runtime'`), 1, type);
      assert.equal(count(catalogue, `'./nodes/${name}/${name}-node'`), 1, type);
      assert.match(runtimes, new RegExp(`^  ${type}: \\w+NodeRuntime,$`, 'm'), type);
      assert.match(catalogue, new RegExp(`^  ${type}: \\w+Node,$`, 'm'), type);
      // Types only: a value import would pull zod into the workflow bundle.
      for (const line of runtime.split('\n').filter((text) => text.includes(`./${name}-node'`))) {
        assert.match(line, /^import type /, `${type}: ${line}`);
      }
    }
  });

  it('docs/ARCHITECTURE.md walks through the same files and registries', () => {
    const architecture = readFileSync(join(__dirname, '../../docs/ARCHITECTURE.md'), 'utf8');
    const walkThrough = architecture.slice(architecture.indexOf('## Add a node type'));
    assert.notEqual(architecture.indexOf('## Add a node type'), -1);
    for (const mention of [
      'workflows/engine/nodes/<type>/<type>-node-runtime.ts',
      'workflows/engine/nodes/<type>/<type>-node.ts',
      'workflows/engine/node-runtimes.ts',
      'workflows/engine/catalogue.ts',
      'docs/flow-nodes.md',
    ]) {
      assert.ok(walkThrough.includes(mention), `the walk-through does not mention ${mention}`);
    }
  });

  describe('the example type `echo`, written as the walk-through says', () => {
    // File 1, nodes/echo/echo-node-runtime.ts: named ports from the data, executor (no zod here).
    type EchoPort = 'sent' | 'window_closed';
    const echoNodeRuntime: NodeRuntime<EchoNodeData, EchoPort> = {
      ports: () => ['sent', 'window_closed'],
      failurePorts: ['window_closed'],
      execute: (ctx) => {
        if (!isWindowOpen(ctx.state, ctx.now)) return { then: { next: 'window_closed' } };
        const last =
          [...ctx.state.transcript].reverse().find((entry) => entry.role === 'customer')?.text ?? '';
        return {
          actions: [
            {
              type: 'send',
              nodeId: ctx.nodeId,
              message: { kind: 'text', body: `${ctx.data.prefix}${last}` },
            },
          ],
          then: { next: 'sent' },
        };
      },
    };

    // File 2, nodes/echo/echo-node.ts: schema, summary, ports in words, title, preview, rules.
    const echoNodeDataSchema = z.object({ prefix: z.string().max(20).describe('Put before the echo.') });
    type EchoNodeData = z.infer<typeof echoNodeDataSchema>;
    const echoNode: NodeDefinition<EchoNodeData, EchoPort> = {
      title: 'Echo',
      summary: "Repeats the customer's last message.",
      dataSchema: echoNodeDataSchema,
      ports: { sent: 'the echo was sent', window_closed: 'the window was closed, nothing was sent' },
      preview: (data) => `${data.prefix}…`,
      openingRole: () => 'session_message',
      portsWithoutWaiting: (_data, window) => (window === 'open' ? ['sent'] : ['window_closed']),
    };

    // One line per registry (in node-runtimes.ts and catalogue.ts).
    const runtimes = { ...nodeRuntimes, echo: echoNodeRuntime } as const;
    const catalogue = { ...nodeCatalogue, echo: echoNode } as const satisfies CatalogueFor<typeof runtimes>;

    it('the compiler demands the editing-side line once the run-side line is there', () => {
      // @ts-expect-error -- `echo` is in the run-side registry but missing here.
      const incomplete: CatalogueFor<typeof runtimes> = { ...nodeCatalogue };
      assert.equal(Object.hasOwn(incomplete, 'echo'), false);
      assert.deepEqual(Object.keys(catalogue), Object.keys(runtimes));
    });

    it('its data is checked by its schema and its ports land on output_1 and output_2', () => {
      assert.equal(catalogue.echo.dataSchema.safeParse({ prefix: 'x'.repeat(21) }).success, false);
      const data = catalogue.echo.dataSchema.parse({ prefix: 'You said: ' });
      const ports = runtimes.echo.ports(data);
      assert.deepEqual(Object.keys(catalogue.echo.ports), ports);
      assert.equal(outputKeyOf(portIndexOf(ports, 'sent')), 'output_1');
      assert.equal(outputKeyOf(portIndexOf(ports, 'window_closed')), 'output_2');
    });

    it('its executor answers with a port name: the echo with the window open, window_closed after it closed', () => {
      const data = { prefix: 'You said: ' };
      const state = { lastCustomerMessageAt: T0, transcript: [{ role: 'customer', text: 'hello', at: T0 }] };
      const context = (now: number): NodeContext<EchoNodeData, EchoPort> => ({
        nodeId: '2',
        data,
        state: state as unknown as FlowState,
        now,
        isConnected: () => true,
      });
      const open = runtimes.echo.execute(context(T0 + MINUTE));
      assert.deepEqual(open.then, { next: 'sent' });
      assert.deepEqual(open.actions, [
        { type: 'send', nodeId: '2', message: { kind: 'text', body: 'You said: hello' } },
      ]);
      const closed = runtimes.echo.execute(context(T0 + 25 * 60 * MINUTE));
      assert.deepEqual(closed, { then: { next: 'window_closed' } });
    });
  });
});

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
