import type { JSX } from 'preact';
import type { FlowProblem } from '../api-client';

/** What the node form gives the editor of one field of a node's data. */
export interface FieldEditorProps {
  /** The field's key in the node's data (the first segment of its problems' paths). */
  field: string;
  /** Id of the field's control (its label's `for`), and the prefix of the ids of the field's other elements. */
  inputId: string;
  /** The field's name for a person, `*` when required. */
  label: string;
  /** The field's description from the schema. */
  hint?: string;
  value: unknown;
  /** The node's problems on this field, at any depth under it (`hours.monday[0].to` for `hours`). */
  problems: FlowProblem[];
  /** The new value; undefined leaves the field out of the data. */
  onChange: (value: unknown) => void;
}

/** An editor for one field, in place of the form's generated control. */
export type FieldEditor = (props: FieldEditorProps) => JSX.Element;

/** The ids a control's `aria-describedby` names: its error (when there are problems) and its hint. */
export function describedBy(id: string, problems: readonly FlowProblem[], hint = true): string | undefined {
  return (
    [problems.length > 0 ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
    undefined
  );
}

/** A control's problems as one line of text, with the id {@link describedBy} names; nothing without problems. */
export function ProblemText(props: { id: string; problems: readonly FlowProblem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <small id={`${props.id}-error`} class="error">
      {props.problems.map((problem) => problem.message).join(' ')}
    </small>
  );
}
