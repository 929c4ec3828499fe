/** Every OutgoingMessage kind → the Graph body, checked against the fake Graph API's validator too. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toGraphMessagePayload } from '../../activities/whatsapp/graph-payload';
import type { OutgoingMessage } from '../../workflows/engine/engine-action';
import { startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';

const to = '+4915112345678';
const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915112345678' };

const cases: { name: string; message: OutgoingMessage; expected: Record<string, unknown> }[] = [
  {
    name: 'text',
    message: { kind: 'text', body: 'Hello Ada', previewUrl: true },
    expected: { type: 'text', text: { body: 'Hello Ada', preview_url: true } },
  },
  {
    name: 'text without preview flag',
    message: { kind: 'text', body: 'Hi' },
    expected: { type: 'text', text: { body: 'Hi', preview_url: false } },
  },
  {
    name: 'image with caption',
    message: { kind: 'media', mediaType: 'image', link: 'https://cdn.example.com/a.jpg', caption: 'Look' },
    expected: { type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'Look' } },
  },
  {
    name: 'video',
    message: { kind: 'media', mediaType: 'video', link: 'https://cdn.example.com/v.mp4' },
    expected: { type: 'video', video: { link: 'https://cdn.example.com/v.mp4' } },
  },
  {
    name: 'document with caption and filename',
    message: {
      kind: 'media',
      mediaType: 'document',
      link: 'https://cdn.example.com/i.pdf',
      caption: 'Invoice',
      filename: 'invoice.pdf',
    },
    expected: {
      type: 'document',
      document: { link: 'https://cdn.example.com/i.pdf', caption: 'Invoice', filename: 'invoice.pdf' },
    },
  },
  {
    name: 'audio drops caption and filename (Graph rejects them)',
    message: {
      kind: 'media',
      mediaType: 'audio',
      link: 'https://cdn.example.com/a.ogg',
      caption: 'ignored',
      filename: 'ignored.ogg',
    },
    expected: { type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } },
  },
  {
    name: 'buttons with header and footer',
    message: {
      kind: 'buttons',
      body: 'Pick one',
      header: 'Menu',
      footer: 'Reply anytime',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    },
    expected: {
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Menu' },
        body: { text: 'Pick one' },
        footer: { text: 'Reply anytime' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
    },
  },
  {
    name: 'list with sections and descriptions',
    message: {
      kind: 'list',
      body: 'Choose a slot',
      buttonLabel: 'Slots',
      sections: [
        { title: 'Morning', rows: [{ id: 'm9', title: '9:00', description: 'Early bird' }] },
        { title: 'Afternoon', rows: [{ id: 'a2', title: '14:00' }] },
      ],
    },
    expected: {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Choose a slot' },
        action: {
          button: 'Slots',
          sections: [
            { title: 'Morning', rows: [{ id: 'm9', title: '9:00', description: 'Early bird' }] },
            { title: 'Afternoon', rows: [{ id: 'a2', title: '14:00' }] },
          ],
        },
      },
    },
  },
  {
    name: 'template with header, body and every button sub-type',
    message: {
      kind: 'template',
      name: 'order_update',
      language: 'en_US',
      headerParams: ['#123'],
      bodyParams: ['Ada', 'Friday'],
      buttonParams: [
        { index: 0, subType: 'quick_reply', value: 'CONFIRM' },
        { index: 1, subType: 'url', value: 'track/123' },
        { index: 2, subType: 'copy_code', value: 'SAVE10' },
      ],
    },
    expected: {
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '#123' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ada' },
              { type: 'text', text: 'Friday' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'CONFIRM' }],
          },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'track/123' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: '2',
            parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
          },
        ],
      },
    },
  },
  {
    name: 'template without parameters has no components',
    message: { kind: 'template', name: 'hello_world', language: 'en_US', bodyParams: [] },
    expected: { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } },
  },
];

describe('toGraphMessagePayload', () => {
  let graph: FakeGraphApi;
  before(async () => {
    graph = await startFakeGraphApi();
  });
  after(() => graph.stop());

  for (const { name, message, expected } of cases) {
    it(`maps ${name}, and Graph (the fake) accepts it`, async () => {
      const payload = toGraphMessagePayload(to, message);
      assert.deepEqual(payload, { ...envelope, ...expected });
      const response = await fetch(`${graph.baseUrl}/v23.0/1234567890/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      assert.equal(response.status, 200, await response.text());
    });
  }
});
