import type { Connection } from '@temporalio/client';
import { searchAttributeNames } from '../workflows/definitions';

/** temporal.api.enums.v1.IndexedValueType.KEYWORD (the proto package is not a direct dependency). */
const INDEXED_VALUE_TYPE_KEYWORD = 2;

/**
 * Registers FlowBot's search attributes (all Keyword) in `namespace` through the OperatorService.
 * Servers refuse a run that sets an unregistered attribute; the dev server gets them as start-up
 * flags instead, the time-skipping test server and a fresh cluster through this call.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      Object.values(searchAttributeNames).map((name) => [name, INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
}
