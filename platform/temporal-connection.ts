import { Client, Connection } from '@temporalio/client';

/** A Temporal client with its connection and a reachability check. */
export interface TemporalConnection {
  connection: Connection;
  client: Client;
  /** Resolves when the frontend answers a cheap call; used by /readyz. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects lazily to a Temporal frontend: the process starts even while Temporal is still coming
 * up (docker-compose starts them together), and /readyz reports it until it answers.
 */
export function connectTemporal(address: string, namespace: string): TemporalConnection {
  const connection = Connection.lazy({ address });
  const client = new Client({ connection, namespace });
  return {
    connection,
    client,
    check: async () => {
      await connection.workflowService.getSystemInfo({});
    },
    close: () => connection.close(),
  };
}
