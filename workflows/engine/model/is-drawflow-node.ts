import type { DrawflowNode } from './drawflow-schema';

/**
 * Whether `value` has the shape of a Drawflow node as far as running it needs: the structural
 * half of `drawflowNodeSchema`, written as a plain type guard so the workflow bundle needs no zod.
 * The validator keeps the zod schema for its field-by-field messages.
 */
export function isDrawflowNode(value: unknown): value is DrawflowNode {
  if (!isRecord(value)) return false;
  const { id, name, inputs, outputs } = value;
  return (
    (typeof id === 'number' || typeof id === 'string') &&
    typeof name === 'string' &&
    isPortMap(inputs, 'input') &&
    isPortMap(outputs, 'output')
  );
}

/** `{ input_1: { connections: [{ node, input|output }] } }`: the far end of each connection names its port in `end`. */
function isPortMap(value: unknown, end: 'input' | 'output'): boolean {
  if (!isRecord(value)) return false;
  return Object.values(value).every(
    (port) =>
      isRecord(port) &&
      Array.isArray(port.connections) &&
      port.connections.every(
        (connection: unknown) =>
          isRecord(connection) &&
          (typeof connection.node === 'string' || typeof connection.node === 'number') &&
          typeof connection[end] === 'string',
      ),
  );
}

/** A plain object (what a zod object accepts): not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
