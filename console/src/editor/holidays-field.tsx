import { useState } from 'preact/hooks';
import { describedBy, ProblemText, type FieldEditorProps } from './field-editor';
import { problemsAt } from './problem-path';

/**
 * A list of dates (`YYYY-MM-DD`, what a date input gives), one date input each with a remove
 * button, and a date input with an Add button for the next one. The list is kept sorted and
 * without repeats; an empty list leaves the field out. Problems of one date show on its input.
 */
export function HolidaysField(props: FieldEditorProps) {
  const [draft, setDraft] = useState('');
  const dates = Array.isArray(props.value) ? props.value.map(String) : [];
  const store = (next: string[]) => {
    const sorted = [...new Set(next.filter((date) => date !== ''))].sort();
    props.onChange(sorted.length > 0 ? sorted : undefined);
  };
  const dateProblems = dates.map((_, index) => problemsAt(props.problems, [props.field, String(index)]));
  const placed = new Set(dateProblems.flat());
  const listProblems = props.problems.filter((problem) => !placed.has(problem));
  return (
    <fieldset class="field holidays" aria-describedby={describedBy(props.inputId, listProblems)}>
      <legend>{props.label}</legend>
      <ProblemText id={props.inputId} problems={listProblems} />
      {dates.length > 0 && (
        <ul class="holiday-list">
          {dates.map((date, index) => {
            const id = `${props.inputId}-${index}`;
            const problems = dateProblems[index];
            return (
              <li key={`${index}-${date}`}>
                <span class="row">
                  <input
                    id={id}
                    type="date"
                    value={date}
                    aria-label={`Holiday ${index + 1}`}
                    aria-invalid={problems.length > 0 ? true : undefined}
                    aria-describedby={describedBy(id, problems, false)}
                    onChange={(e) =>
                      store(dates.map((old, at) => (at === index ? e.currentTarget.value : old)))
                    }
                  />
                  <button
                    type="button"
                    class="outline secondary"
                    aria-label={`Remove holiday ${date}`}
                    title="Remove"
                    onClick={() => store(dates.filter((_, at) => at !== index))}
                  >
                    ✕
                  </button>
                </span>
                <ProblemText id={id} problems={problems} />
              </li>
            );
          })}
        </ul>
      )}
      <span class="row">
        <input
          id={`${props.inputId}-new`}
          type="date"
          value={draft}
          aria-label="New holiday"
          onChange={(e) => setDraft(e.currentTarget.value)}
        />
        <button
          type="button"
          class="outline"
          disabled={draft === ''}
          onClick={() => {
            store([...dates, draft]);
            setDraft('');
          }}
        >
          Add holiday
        </button>
      </span>
      <small id={`${props.inputId}-hint`}>{props.hint}</small>
    </fieldset>
  );
}
