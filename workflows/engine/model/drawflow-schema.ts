import { z } from 'zod';

/** A node id as Drawflow writes it in connections: a string, sometimes a number after an import. */
const connectionNodeId = z.union([z.string(), z.number()]);

/** One end of an output's connections: `{node:"2", output:"input_1"}` (Drawflow names the target input `output`). */
export const drawflowOutputConnectionSchema = z.object({ node: connectionNodeId, output: z.string() });

/** One end of an input's connections: `{node:"1", input:"output_1"}` (the source output is called `input`). */
export const drawflowInputConnectionSchema = z.object({ node: connectionNodeId, input: z.string() });

/** One node exactly as Drawflow stores it. Only the fields the engine needs are required. */
export const drawflowNodeSchema = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  data: z.unknown(),
  class: z.string().optional(),
  html: z.string().optional(),
  typenode: z.union([z.boolean(), z.string()]).optional(),
  inputs: z.record(z.string(), z.object({ connections: z.array(drawflowInputConnectionSchema) })),
  outputs: z.record(z.string(), z.object({ connections: z.array(drawflowOutputConnectionSchema) })),
  pos_x: z.number().optional(),
  pos_y: z.number().optional(),
});
export type DrawflowNode = z.infer<typeof drawflowNodeSchema>;

/**
 * The envelope of `drawflowData`. Nodes are checked one by one afterwards, so one broken node
 * does not hide the problems of the others.
 */
export const drawflowDocumentSchema = z.object({
  drawflow: z.object({
    Home: z.object({ data: z.record(z.string(), z.unknown()) }),
  }),
});

/** The whole document with typed nodes: what the flow builder produces. */
export interface DrawflowDocument {
  drawflow: { Home: { data: Record<string, DrawflowNode> } };
}
