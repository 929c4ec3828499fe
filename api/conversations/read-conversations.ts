/**
 * Reading conversations for the API: the published list shape, one conversation, its messages and
 * counts by status. Tenancy is part of every query: a user reads their own conversations; an admin
 * may name another user (`userId`) and read any conversation by id.
 */
import type { DataSource } from 'typeorm';
import type { ConversationStatus } from '../../entities/conversation';
import { isWindowOpen, windowClosesAt } from '../../workflows/engine';
import { NotFoundError } from '../errors';
import { conversationStatusSchema } from '../schemas/conversations';

/** Who is reading. */
export interface Reader {
  userId: string;
  isAdmin: boolean;
}

/** Filters and paging of the list (already validated by the route's schema). */
export interface ConversationFilter {
  limit: number;
  offset: number;
  /** Only conversations started before this instant. */
  before?: Date;
  status?: ConversationStatus;
  flowId?: string;
  /** Admins only: whose conversations (default: the reader's own). */
  userId?: string;
  /** Part of the customer's name (any case) or of the phone number's digits. */
  search?: string;
}

/** One entry of `GET /api/conversations`, exactly the published fields. */
export interface ConversationListItem {
  id: string;
  waPhoneNumber: string;
  customerName: string | null;
  flowId: string | null;
  status: ConversationStatus;
  lastMessage: string | null;
  startedAt: string;
  lastCustomerMessageAt: string | null;
}

/** `GET /api/conversations/{id}`: the list fields plus what an agent screen needs. */
export interface ConversationDetail extends ConversationListItem {
  /** The flow revision the conversation runs; null without a flow or for rows from before revisions. */
  flowRevision: number | null;
  triggerSource: string;
  currentNodeId: string | null;
  variables: Record<string, unknown>;
  endedAt: string | null;
  /** Whether a non-template message may be sent now (24-hour customer-service window). */
  windowOpen: boolean;
  windowClosesAt: string | null;
  workflowId: string | null;
  runId: string | null;
}

/** One message of a conversation, oldest first. */
export interface ConversationMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  content: Record<string, unknown>;
  waMessageId: string | null;
  status: string;
  errorCode: string | null;
  errorTitle: string | null;
  createdAt: string;
}

/** Counts by status for the same filters as the list. */
export interface ConversationStats {
  total: number;
  byStatus: Record<ConversationStatus, number>;
}

interface ConversationRow {
  id: string;
  userId: string;
  customerPhone: string;
  customerName: string | null;
  flowId: string | null;
  flowRevision: number | null;
  status: ConversationStatus;
  lastMessage: string | null;
  startedAt: Date;
  lastCustomerMessageAt: Date | null;
  triggerSource: string;
  currentNodeId: string | null;
  variables: Record<string, unknown>;
  endedAt: Date | null;
  workflowId: string | null;
  runId: string | null;
}

/** The reader's conversations, newest first. */
export async function listConversations(
  dataSource: DataSource,
  reader: Reader,
  filter: ConversationFilter,
): Promise<ConversationListItem[]> {
  const { where, values } = buildFilter(reader, filter);
  if (filter.before) {
    values.push(filter.before);
    where.push(`"startedAt" < $${values.length}`);
  }
  values.push(filter.limit, filter.offset);
  const rows: ConversationRow[] = await dataSource.query(
    `SELECT * FROM conversations WHERE ${where.join(' AND ')}
      ORDER BY "startedAt" DESC, id DESC LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return rows.map(toListItem);
}

/** Counts by status of the reader's conversations matching `filter` (paging ignored). */
export async function countConversations(
  dataSource: DataSource,
  reader: Reader,
  filter: Omit<ConversationFilter, 'limit' | 'offset' | 'before'>,
): Promise<ConversationStats> {
  const { where, values } = buildFilter(reader, filter);
  const rows: { status: ConversationStatus; count: string }[] = await dataSource.query(
    `SELECT status, count(*) AS count FROM conversations WHERE ${where.join(' AND ')} GROUP BY status`,
    values,
  );
  const byStatus = Object.fromEntries(
    conversationStatusSchema.options.map((status) => [status, 0]),
  ) as Record<ConversationStatus, number>;
  for (const row of rows) byStatus[row.status] = Number(row.count);
  return { total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus };
}

/** One conversation the reader may see; 404 otherwise (also for another tenant's). */
export async function getConversation(
  dataSource: DataSource,
  reader: Reader,
  conversationId: string,
  now = Date.now(),
): Promise<ConversationDetail> {
  const row = await loadConversationRow(dataSource, reader, conversationId);
  const window = { lastCustomerMessageAt: row.lastCustomerMessageAt?.getTime() ?? null };
  const closesAt = windowClosesAt(window);
  return {
    ...toListItem(row),
    flowRevision: row.flowRevision,
    triggerSource: row.triggerSource,
    currentNodeId: row.currentNodeId,
    variables: row.variables,
    endedAt: row.endedAt?.toISOString() ?? null,
    windowOpen: isWindowOpen(window, now),
    windowClosesAt: closesAt === null ? null : new Date(closesAt).toISOString(),
    workflowId: row.workflowId,
    runId: row.runId,
  };
}

/** A page of a conversation's messages, oldest first. */
export async function listConversationMessages(
  dataSource: DataSource,
  reader: Reader,
  conversationId: string,
  page: { limit: number; offset: number },
): Promise<ConversationMessage[]> {
  await loadConversationRow(dataSource, reader, conversationId);
  const rows: (Omit<ConversationMessage, 'createdAt'> & { createdAt: Date })[] = await dataSource.query(
    `SELECT id, direction, type, content, "waMessageId", status, "errorCode", "errorTitle", "createdAt"
       FROM messages WHERE "conversationId" = $1
      ORDER BY "createdAt", id LIMIT $2 OFFSET $3`,
    [conversationId, page.limit, page.offset],
  );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Loads a conversation row the reader may see, or throws 404. */
async function loadConversationRow(
  dataSource: DataSource,
  reader: Reader,
  conversationId: string,
): Promise<ConversationRow> {
  const rows: ConversationRow[] = await dataSource.query(`SELECT * FROM conversations WHERE id = $1`, [
    conversationId,
  ]);
  const row = rows[0];
  if (!row || (row.userId !== reader.userId && !reader.isAdmin)) {
    throw new NotFoundError('Conversation not found');
  }
  return row;
}

function buildFilter(
  reader: Reader,
  filter: Pick<ConversationFilter, 'status' | 'flowId' | 'userId' | 'search'>,
): { where: string[]; values: unknown[] } {
  // A non-admin's userId filter is ignored rather than refused: they only ever see their own.
  const owner = reader.isAdmin && filter.userId ? filter.userId : reader.userId;
  const values: unknown[] = [owner];
  const where = [`"userId" = $1`];
  if (filter.status) {
    values.push(filter.status);
    where.push(`status = $${values.length}`);
  }
  if (filter.flowId) {
    values.push(filter.flowId);
    where.push(`"flowId" = $${values.length}`);
  }
  if (filter.search) where.push(searchCondition(filter.search, values));
  return { where, values };
}

/**
 * Name contains the text (any case); a text written like a phone number (digits, spaces, `+ - . ( )`)
 * also finds phones containing its digits ("+972 50-123" finds +97250123…). LIKE's wildcards in the
 * text are matched literally.
 */
function searchCondition(search: string, values: unknown[]): string {
  const literal = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  values.push(literal(search));
  const name = `"customerName" ILIKE $${values.length}`;
  const digits = search.replace(/\D/g, '');
  if (digits.length === 0 || !/^[\d\s+().-]+$/.test(search)) return name;
  values.push(literal(digits));
  return `(${name} OR "customerPhone" LIKE $${values.length})`;
}

function toListItem(row: ConversationRow): ConversationListItem {
  return {
    id: row.id,
    waPhoneNumber: row.customerPhone,
    customerName: row.customerName,
    flowId: row.flowId,
    status: row.status,
    lastMessage: row.lastMessage,
    startedAt: row.startedAt.toISOString(),
    lastCustomerMessageAt: row.lastCustomerMessageAt?.toISOString() ?? null,
  };
}
