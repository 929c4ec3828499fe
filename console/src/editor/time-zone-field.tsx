import { describedBy, ProblemText, type FieldEditorProps } from './field-editor';

let zones: string[] | undefined;

/** The IANA zones this browser knows (none where Intl cannot list them: the field is free text anyway). */
function knownTimeZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

/** A time zone as free text with the browser's IANA zones as suggestions (a `<datalist>`). */
export function TimeZoneField(props: FieldEditorProps) {
  const listId = `${props.inputId}-zones`;
  return (
    <div class="field">
      <label for={props.inputId}>{props.label}</label>
      <input
        id={props.inputId}
        type="text"
        list={listId}
        autocomplete="off"
        placeholder="Europe/Berlin"
        value={typeof props.value === 'string' ? props.value : ''}
        aria-invalid={props.problems.length > 0 ? true : undefined}
        aria-describedby={describedBy(props.inputId, props.problems)}
        onChange={(e) => props.onChange(e.currentTarget.value.trim() || undefined)}
      />
      <datalist id={listId}>
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <ProblemText id={props.inputId} problems={props.problems} />
      <small id={`${props.inputId}-hint`}>{props.hint}</small>
    </div>
  );
}
