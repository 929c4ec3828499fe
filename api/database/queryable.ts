import type { DataSource, EntityManager } from 'typeorm';

/**
 * What the API's domain modules run SQL on: the DataSource, or a transaction's EntityManager when
 * several statements must commit together.
 */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;
