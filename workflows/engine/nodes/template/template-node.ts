import { z } from 'zod';
import type { NodeDefinition } from '../../node-definition';
import type { TemplatePort } from './template-node-runtime';

export const templateNodeDataSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'A template name has lowercase letters, digits and underscores only.')
    .max(512)
    .describe('The approved WhatsApp template name.'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'The language is a code such as "en" or "en_US".')
    .describe('The template language code, e.g. en_US.'),
  bodyParams: z
    .array(z.string())
    .optional()
    .describe('Values for the body placeholders {{1}}…{{n}}, in order; {{variables}} are filled in.'),
  headerParams: z.array(z.string()).optional().describe('Values for the header placeholders, in order.'),
  buttonParams: z
    .array(
      z.object({
        index: z.number().int().min(0).max(9),
        subType: z.enum(['quick_reply', 'url', 'copy_code']),
        value: z.string(),
      }),
    )
    .optional()
    .describe('Quick-reply payloads, URL suffixes or codes, by button index.'),
});
export type TemplateNodeData = z.infer<typeof templateNodeDataSchema>;

/** `template`: an approved template, the only message WhatsApp allows outside the 24-hour window. */
export const templateNode: NodeDefinition<TemplateNodeData, TemplatePort> = {
  title: 'Template',
  summary: 'Sends an approved WhatsApp template; the only message allowed outside the 24-hour window.',
  dataSchema: templateNodeDataSchema,
  ports: { sent: 'the template was sent' },
  preview: (data) => `${data.name} (${data.language})`,
  openingRole: () => 'template',
};
