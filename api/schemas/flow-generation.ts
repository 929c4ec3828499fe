/** The form and the answer of `POST /api/flows/generate` (docs/flow-generation.md). */
import { z } from 'zod';
import { drawflowDataSchema } from './flows';

/** Longest prompt accepted, in characters. */
export const MAX_PROMPT_CHARS = 4000;

/**
 * An uploaded file where the multipart parser wrote it (api/flow-generation/parse-generation-form.ts).
 * A type, not an interface: it is stored in `ctx.request.body`, typed as a JSON value.
 */
export type UploadedFile = { path: string; size: number };

function isUploadedFile(value: unknown): value is UploadedFile {
  const file = value as Partial<UploadedFile> | null;
  return typeof file?.path === 'string' && typeof file.size === 'number';
}

/**
 * The `file` part. Validated as the parser's {@link UploadedFile}; documented as what the caller
 * sends (`type` in the metadata replaces the generated schema in the OpenAPI document).
 */
const uploadedFileSchema = z.custom<UploadedFile>(isUploadedFile, { error: 'must be a file part' }).meta({
  type: 'string',
  format: 'binary',
  description:
    'Optional: a PDF, PNG, JPEG or WEBP file of at most 10 MB (the type is decided by its content, not its name)',
});

/** The multipart/form-data body: a prompt, a file, or both (neither is a 400 from the service). */
export const generateFlowFormSchema = z.object({
  prompt: z
    .string()
    .trim()
    .max(MAX_PROMPT_CHARS, { error: `The prompt is too long: at most ${MAX_PROMPT_CHARS} characters` })
    .default('')
    .meta({ description: 'What the flow should do' }),
  file: uploadedFileSchema.optional(),
});

/** The validated form the generator works from. */
export type GenerationForm = z.output<typeof generateFlowFormSchema>;

/** The published success answer. */
export const generateFlowResponseSchema = z.object({
  success: z.literal(true),
  flow: z.object({
    id: z.uuid(),
    name: z.string(),
    status: z.literal('draft'),
    drawflowData: drawflowDataSchema,
  }),
  nodeCount: z.number().int(),
  message: z.string(),
});

export const generateFlowResponseExample = {
  success: true,
  flow: {
    id: 'flow-uuid',
    name: 'Pizza Restaurant Support',
    status: 'draft',
    drawflowData: { drawflow: { Home: { data: {} } } },
  },
  nodeCount: 8,
  message: 'Flow generated with 8 nodes',
};
