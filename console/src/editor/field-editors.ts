import type { NodeDataMap, NodeType } from '../../../workflows/engine/node-runtimes';
import type { FieldEditor } from './field-editor';
import { HolidaysField } from './holidays-field';
import { TimeZoneField } from './time-zone-field';
import { WeeklyHoursField } from './weekly-hours-field';

/**
 * The fields whose generated control (a text box, JSON for an object) would be poor, with the
 * editor the node form shows instead; keys are checked against the node type's data.
 */
const fieldEditors: { [T in NodeType]?: { [K in keyof NodeDataMap[T]]?: FieldEditor } } = {
  business_hours: { timeZone: TimeZoneField, hours: WeeklyHoursField, holidays: HolidaysField },
};

/** The editor of a node type's field, when it has one of its own. */
export function fieldEditorOf(type: NodeType, field: string): FieldEditor | undefined {
  return (fieldEditors[type] as Record<string, FieldEditor> | undefined)?.[field];
}
