import type { FlowProblem } from '../api-client';
import { describedBy, ProblemText } from './field-editor';
import { fieldEditorOf } from './field-editors';
import { dataSchemaOf, summaryOf, titleOf, type JsonSchema, type NodeType } from './node-types';
import { fieldOfProblem } from './problem-path';

function typeOfSchema(schema: JsonSchema): string | undefined {
  if (schema.enum) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  return schema.anyOf?.map(typeOfSchema).find((t) => t !== undefined && t !== 'null');
}

function labelOf(key: string): string {
  return key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

/** Text of a value in a form field; lists of strings one per line, anything else as JSON. */
function toFieldText(kind: string | undefined, schema: JsonSchema, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'array' && schema.items?.type === 'string' && Array.isArray(value)) return value.join('\n');
  if (kind === 'array' || kind === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/** The value of a form field's text; undefined leaves the field out of the data. */
function fromFieldText(kind: string | undefined, schema: JsonSchema, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (kind === 'number' || kind === 'integer') return Number(text);
  if (kind === 'array' && schema.items?.type === 'string')
    return text.split('\n').filter((line) => line !== '');
  if (kind === 'array' || kind === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text; // the validator names the field
    }
  }
  return text;
}

/**
 * The form of one node, generated from its type's data schema (JSON Schema from the engine's zod
 * schema): a text box, number, checkbox or choice per field, lists one item per line, nested
 * objects as JSON, except the fields that have an editor of their own (field-editors.ts). Problems
 * of the node are shown on their field, the others above the form. `readOnly` disables every control.
 */
export function NodeForm(props: {
  nodeId: string;
  type: NodeType;
  data: Record<string, unknown>;
  problems: FlowProblem[];
  readOnly?: boolean;
  onChange: (data: Record<string, unknown>) => void;
}) {
  const schema = dataSchemaOf(props.type);
  const required = new Set(schema.required ?? []);
  const fieldProblems = (key: string) => props.problems.filter((problem) => fieldOfProblem(problem) === key);
  const otherProblems = props.problems.filter((problem) => fieldOfProblem(problem) === undefined);
  const set = (key: string, value: unknown) => {
    const next = { ...props.data };
    if (value === undefined) delete next[key];
    else next[key] = value;
    props.onChange(next);
  };
  return (
    <form
      class="node-form"
      aria-label={`${titleOf(props.type)} node ${props.nodeId}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <h3>
        {titleOf(props.type)} <small>node {props.nodeId}</small>
      </h3>
      <p class="hint">{summaryOf(props.type)}</p>
      {otherProblems.map((problem) => (
        <p role="alert" class="error" key={problem.path + problem.code}>
          {problem.message}
        </p>
      ))}
      <fieldset class="node-fields" disabled={props.readOnly}>
        {Object.entries(schema.properties ?? {}).map(([key, field]) => {
          const kind = typeOfSchema(field);
          const problems = fieldProblems(key);
          const inputId = `field-${props.nodeId}-${key}`;
          const invalid = problems.length > 0 ? true : undefined;
          const label = `${labelOf(key)}${required.has(key) ? ' *' : ''}`;
          const Editor = fieldEditorOf(props.type, key);
          if (Editor) {
            return (
              <Editor
                key={key}
                field={key}
                inputId={inputId}
                label={label}
                hint={field.description}
                value={props.data[key]}
                problems={problems}
                onChange={(value) => set(key, value)}
              />
            );
          }
          let control;
          if (kind === 'boolean') {
            control = (
              <input
                id={inputId}
                type="checkbox"
                role="switch"
                checked={props.data[key] === true}
                aria-invalid={invalid}
                aria-describedby={describedBy(inputId, problems)}
                onChange={(e) => set(key, (e.currentTarget as HTMLInputElement).checked)}
              />
            );
          } else if (kind === 'enum') {
            control = (
              <select
                id={inputId}
                value={props.data[key] === undefined ? '' : String(props.data[key])}
                aria-invalid={invalid}
                aria-describedby={describedBy(inputId, problems)}
                onChange={(e) => set(key, (e.currentTarget as HTMLSelectElement).value || undefined)}
              >
                <option value="">—</option>
                {(field.enum ?? []).map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            );
          } else {
            const multiline =
              kind === 'array' || kind === 'object' || /text|prompt|body|instructions/i.test(key);
            const common = {
              id: inputId,
              value: toFieldText(kind, field, props.data[key]),
              'aria-invalid': invalid,
              'aria-describedby': describedBy(inputId, problems),
              onChange: (e: Event) =>
                set(key, fromFieldText(kind, field, (e.currentTarget as HTMLInputElement).value)),
            };
            control = multiline ? (
              <textarea rows={3} {...common} />
            ) : (
              <input type={kind === 'number' || kind === 'integer' ? 'number' : 'text'} {...common} />
            );
          }
          return (
            <div class="field" key={key}>
              <label for={inputId}>{label}</label>
              {control}
              <ProblemText id={inputId} problems={problems} />
              <small id={`${inputId}-hint`}>{field.description}</small>
            </div>
          );
        })}
      </fieldset>
    </form>
  );
}
