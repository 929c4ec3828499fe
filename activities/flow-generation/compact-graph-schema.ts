/**
 * The compact graph the model writes: typed nodes and edges, no Drawflow bookkeeping. Its schema is
 * derived from the engine's node catalogue, so a node type's data is described in one place only.
 */
import { z } from 'zod';
import { nodeCatalogue, nodeTypes } from '../../workflows/engine/catalogue';
import type { NodeDataMap, NodeType } from '../../workflows/engine/node-runtimes';

/** A node's id in the compact graph: a short readable name chosen by the model (`ask_size`). */
const compactNodeIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/)
  .describe('Unique short id of the node, e.g. "ask_size" (letters, digits, _ and -).');

/** One node of one type: `{ id, type, data }` with that type's data schema from the catalogue. */
function compactNodeSchemaOf<T extends NodeType>(type: T) {
  const definition = nodeCatalogue[type];
  return z
    .object({
      id: compactNodeIdSchema,
      type: z.literal(type),
      data: definition.dataSchema as z.ZodType<NodeDataMap[T]>,
    })
    .describe(`A "${type}" node: ${definition.summary}`);
}

type CompactNodeSchemas = { [T in NodeType]: ReturnType<typeof compactNodeSchemaOf<T>> }[NodeType];

const compactNodeSchemas = nodeTypes.map((type) => compactNodeSchemaOf(type)) as [
  CompactNodeSchemas,
  ...CompactNodeSchemas[],
];

/** An edge: output `fromOutput` (its catalogue name, e.g. `button_2`, `timeout`) of `from` leads to `to`. */
export const compactEdgeSchema = z.object({
  from: z.string().describe('Id of the node the edge leaves.'),
  fromOutput: z
    .string()
    .describe('Name of the output of `from` the edge leaves, e.g. "next", "sent", "button_2", "timeout".'),
  to: z.string().describe('Id of the node the edge enters.'),
});

/** The whole generated flow: what the model must answer. */
export const compactGraphSchema = z.object({
  name: z.string().min(1).max(80).describe('Short name of the flow, e.g. "Pizza support".'),
  description: z.string().max(300).describe('One or two sentences on what the flow does.'),
  nodes: z
    .array(z.discriminatedUnion('type', compactNodeSchemas))
    .min(2)
    .max(60)
    .describe('Every node of the flow; exactly one "start".'),
  edges: z.array(compactEdgeSchema).describe('Every connection; an output leads to at most one node.'),
});

export type CompactGraph = z.infer<typeof compactGraphSchema>;
export type CompactNode = CompactGraph['nodes'][number];
export type CompactEdge = z.infer<typeof compactEdgeSchema>;
