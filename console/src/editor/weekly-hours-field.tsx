import type { FlowProblem } from '../api-client';
import {
  WEEKDAYS,
  type Weekday,
} from '../../../workflows/engine/nodes/business-hours/business-hours-node-runtime';
import type { BusinessHoursNodeData } from '../../../workflows/engine/nodes/business-hours/business-hours-node';
import { describedBy, ProblemText, type FieldEditorProps } from './field-editor';
import { dataPathOfProblem } from './problem-path';

type OpeningRange = NonNullable<BusinessHoursNodeData['hours'][Weekday]>[number];
type Ends = 'from' | 'to';

/** What a new range of a day opens with: office hours, the common case, for the user to adjust. */
const NEW_RANGE: OpeningRange = { from: '09:00', to: '17:00' };

/**
 * A time input cannot show 24:00, the end of the day the schema allows as a closing time. A range
 * that closes at 00:00 could never be valid (it would close before it opens), so the closing input
 * shows 24:00 as 00:00 and stores 00:00 as 24:00.
 */
function shownTime(end: Ends, time: string): string {
  return end === 'to' && time === '24:00' ? '00:00' : time;
}
function storedTime(end: Ends, time: string): string {
  return end === 'to' && time === '00:00' ? '24:00' : time;
}

function titleOfDay(day: Weekday): string {
  return day[0].toUpperCase() + day.slice(1);
}

/** Where a problem under `hours` belongs: one input, one range, one day, or the field as a whole. */
function placeOf(problem: FlowProblem): { day?: Weekday; index?: number; end?: Ends } {
  const [, day, index, end] = dataPathOfProblem(problem) ?? [];
  if (!(WEEKDAYS as readonly string[]).includes(day)) return {};
  if (index === undefined || !/^\d+$/.test(index)) return { day: day as Weekday };
  return {
    day: day as Weekday,
    index: Number(index),
    end: end === 'from' || end === 'to' ? end : undefined,
  };
}

/**
 * The weekly opening hours of a business_hours node: per weekday a list of opening ranges, each a
 * pair of time inputs (opens, closes) with a remove button, an Add button, and "closed" for a day
 * without ranges (which the data leaves out). Problems show on their input, range, day or field.
 */
export function WeeklyHoursField(props: FieldEditorProps) {
  const hours = (
    typeof props.value === 'object' && props.value !== null && !Array.isArray(props.value) ? props.value : {}
  ) as Partial<Record<Weekday, OpeningRange[]>>;
  const rangesOf = (day: Weekday) => (Array.isArray(hours[day]) ? hours[day] : []);
  const store = (day: Weekday, ranges: OpeningRange[]) => {
    const next = { ...hours };
    if (ranges.length > 0) next[day] = ranges;
    else delete next[day];
    props.onChange(next);
  };
  const problemsWhere = (want: { day?: Weekday; index?: number; end?: Ends }) =>
    props.problems.filter((problem) => {
      const at = placeOf(problem);
      return at.day === want.day && at.index === want.index && at.end === want.end;
    });
  const fieldProblems = problemsWhere({});
  return (
    <fieldset class="field weekly-hours" aria-describedby={describedBy(props.inputId, fieldProblems)}>
      <legend>{props.label}</legend>
      <ProblemText id={props.inputId} problems={fieldProblems} />
      {WEEKDAYS.map((day) => {
        const dayId = `${props.inputId}-${day}`;
        const ranges = rangesOf(day);
        const dayProblems = problemsWhere({ day });
        return (
          <div
            key={day}
            class="day-hours"
            role="group"
            aria-labelledby={`${dayId}-name`}
            aria-describedby={describedBy(dayId, dayProblems, false)}
          >
            <span id={`${dayId}-name`} class="day-name">
              {titleOfDay(day)}
            </span>
            <span class="hint">{ranges.length === 0 ? 'closed' : ''}</span>
            <button
              type="button"
              class="outline secondary"
              aria-label={`Add an opening range on ${titleOfDay(day)}`}
              onClick={() => store(day, [...ranges, { ...NEW_RANGE }])}
            >
              Add
            </button>
            <ProblemText id={dayId} problems={dayProblems} />
            {ranges.length > 0 && (
              <ol class="ranges">
                {ranges.map((range, index) => {
                  const rangeId = `${dayId}-${index}`;
                  const name = `${titleOfDay(day)} range ${index + 1}`;
                  const endProblems = {
                    from: problemsWhere({ day, index, end: 'from' }),
                    to: problemsWhere({ day, index, end: 'to' }),
                  };
                  const rangeProblems = problemsWhere({ day, index });
                  const input = (end: Ends) => {
                    const id = `${rangeId}-${end}`;
                    const problems = endProblems[end];
                    return (
                      <input
                        id={id}
                        type="time"
                        value={shownTime(end, String(range?.[end] ?? ''))}
                        aria-label={`${name} ${end === 'from' ? 'opens' : 'closes'}`}
                        aria-invalid={problems.length > 0 ? true : undefined}
                        aria-describedby={describedBy(id, problems, false)}
                        onChange={(e) =>
                          store(
                            day,
                            ranges.map((old, at) =>
                              at === index ? { ...old, [end]: storedTime(end, e.currentTarget.value) } : old,
                            ),
                          )
                        }
                      />
                    );
                  };
                  return (
                    <li key={index}>
                      <span class="row">
                        {input('from')}
                        <span aria-hidden="true">–</span>
                        {input('to')}
                        <button
                          type="button"
                          class="outline secondary"
                          aria-label={`Remove ${name}`}
                          title="Remove"
                          onClick={() =>
                            store(
                              day,
                              ranges.filter((_, at) => at !== index),
                            )
                          }
                        >
                          ✕
                        </button>
                      </span>
                      <ProblemText id={`${rangeId}-from`} problems={endProblems.from} />
                      <ProblemText id={`${rangeId}-to`} problems={endProblems.to} />
                      <ProblemText id={rangeId} problems={rangeProblems} />
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        );
      })}
      <small id={`${props.inputId}-hint`}>
        {props.hint} A range closing at 00:00 closes at midnight, the end of the day (24:00).
      </small>
    </fieldset>
  );
}
