/** The simulator pane's script language (console/src/simulator/parse-simulation-script.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSimulationScript } from '../../console/src/simulator/parse-simulation-script';

describe('parseSimulationScript', () => {
  const cases: { name: string; text: string; script: unknown[]; errors?: RegExp[] }[] = [
    {
      name: 'a plain line is the customer writing',
      text: 'Hello there',
      script: [{ customer: 'Hello there' }],
    },
    {
      name: 'customer: is the same, kept verbatim',
      text: 'customer:  wait: no',
      script: [{ customer: 'wait: no' }],
    },
    { name: 'choose: taps a button', text: 'choose: Yes', script: [{ choose: 'Yes' }] },
    {
      name: 'a bare +25h and wait: 3d are waits',
      text: '+25h\nwait: 3d',
      script: [{ wait: '+25h' }, { wait: '+3d' }],
    },
    {
      name: 'agent takeover and release',
      text: 'agent: takeover\nAgent: release',
      script: [{ agent: 'takeover' }, { agent: 'release' }],
    },
    { name: 'blank lines are skipped', text: '\n  \nHi\n\n', script: [{ customer: 'Hi' }] },
    {
      name: 'an empty value and an unknown agent action are errors with their line',
      text: 'Hi\nchoose:\nagent: lunch',
      script: [{ customer: 'Hi' }],
      errors: [/^Line 2: "choose:" needs a value$/, /^Line 3: "agent:" is followed by takeover or release$/],
    },
  ];
  for (const { name, text, script, errors = [] } of cases) {
    test(name, () => {
      const parsed = parseSimulationScript(text);
      assert.deepEqual(parsed.script, script);
      assert.equal(parsed.errors.length, errors.length, parsed.errors.join('; '));
      errors.forEach((pattern, index) => assert.match(parsed.errors[index], pattern));
    });
  }
});
