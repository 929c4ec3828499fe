import { flow } from '../support/flow-builder';

/**
 * A lead reminded by template, asked for a slot (3 days to answer), thanked, asked once more; the
 * second question waits only as long as the 24-hour window, then a template says goodbye.
 */
export function reminderFlow() {
  return flow()
    .start()
    .then('template', { name: 'appointment_reminder', language: 'en', bodyParams: ['{{name}}'] })
    .then('question', { variable: 'slot', validation: 'text', timeoutMinutes: 3 * 24 * 60 }, { as: 'slot' })
    .then('message', { text: 'Thanks {{name}}, see you {{slot}}.' })
    .then('question', { prompt: 'Anything else?', variable: 'more', validation: 'text' }, { as: 'more' })
    .then('end', {})
    .at('more', 'timeout')
    .then('template', { name: 'we_missed_you', language: 'en' })
    .then('end', { outcome: 'failed', reason: 'went_quiet' })
    .at('slot', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_slot' });
}
