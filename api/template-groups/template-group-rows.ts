/** The `template_groups` table: named sets of approved WhatsApp templates. */
import type { TemplateDefinition, TemplateGroup } from '../../entities/template-group';
import type { Queryable } from '../database/queryable';
import { findRowById } from '../database/find-row-by-id';
import { listRowsOwnedBy } from '../database/list-rows-owned-by';
import { saveRowChanges } from '../database/save-row-changes';

/** The group with this id, whoever owns it; null for an unknown id or one that is not a UUID. */
export async function findTemplateGroup(db: Queryable, id: string): Promise<TemplateGroup | null> {
  return await findRowById<TemplateGroup>(db, 'template_groups', id);
}

/** The groups of `userId` (every group when undefined), newest first. */
export async function listTemplateGroups(
  db: Queryable,
  userId: string | undefined,
): Promise<TemplateGroup[]> {
  return await listRowsOwnedBy<TemplateGroup>(db, 'template_groups', userId, 'DESC');
}

/** The fields of a group its owner edits. */
export type TemplateGroupFields = Pick<TemplateGroup, 'name' | 'templates'>;

/** Inserts a group and returns the stored row. */
export async function insertTemplateGroup(
  db: Queryable,
  group: TemplateGroupFields & { userId: string },
): Promise<TemplateGroup> {
  const rows: TemplateGroup[] = await db.query(
    `INSERT INTO template_groups ("userId", name, templates) VALUES ($1, $2, $3::jsonb) RETURNING *`,
    [group.userId, group.name, JSON.stringify(group.templates satisfies TemplateDefinition[])],
  );
  // As given: jsonb stores keys in its own order, and the answer echoes the request.
  return { ...rows[0], templates: group.templates };
}

/** Writes `changes`; `updatedAt` moves only when a value actually changed. Returns the stored row. */
export async function saveTemplateGroupChanges(
  db: Queryable,
  group: TemplateGroup,
  changes: Partial<TemplateGroupFields>,
): Promise<TemplateGroup> {
  return await saveRowChanges<TemplateGroup>(db, 'template_groups', group, changes, ['templates']);
}

/** Deletes a group (conversations opened with its templates keep what they were sent). */
export async function deleteTemplateGroup(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM template_groups WHERE id = $1`, [id]);
}
