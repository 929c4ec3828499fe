/**
 * The editor's view of the flow engine's node catalogue, imported from the engine itself
 * (workflows/engine), so the palette, the forms and the ports are those the API validates against.
 */
import { z } from 'zod';
import { nodeCatalogue, nodeTypes } from '../../../workflows/engine/catalogue';
import { getNodeRuntime, isNodeType, type NodeType } from '../../../workflows/engine/node-runtimes';

export { nodeTypes, isNodeType, type NodeType };

/** A JSON Schema as zod writes it (the subset the forms read). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

const schemas = new Map<NodeType, JsonSchema>();

/** The node type's data as JSON Schema (what the form is generated from). */
export function dataSchemaOf(type: NodeType): JsonSchema {
  let schema = schemas.get(type);
  if (!schema) {
    schema = z.toJSONSchema(nodeCatalogue[type].dataSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    schemas.set(type, schema);
  }
  return schema;
}

export function titleOf(type: NodeType): string {
  return nodeCatalogue[type].title;
}

export function summaryOf(type: NodeType): string {
  return nodeCatalogue[type].summary;
}

/** The node's output ports for its data, in Drawflow order (`output_1` first). */
export function portsOf(type: NodeType, data: unknown): readonly string[] {
  try {
    return getNodeRuntime(type).ports(data as never);
  } catch {
    // Data the form has not completed yet (e.g. rules not a list): the ports of empty data.
    return getNodeRuntime(type).ports({} as never);
  }
}

/** The preview line of a node's box, when its data allows one. */
export function previewOf(type: NodeType, data: unknown): string {
  const parsed = nodeCatalogue[type].dataSchema.safeParse(data);
  if (!parsed.success) return '';
  const preview = nodeCatalogue[type].preview as ((data: unknown) => string | undefined) | undefined;
  return preview?.(parsed.data) ?? '';
}
