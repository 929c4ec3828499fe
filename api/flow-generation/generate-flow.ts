/**
 * The service behind `POST /api/flows/generate`: checks the upload's bytes, hands it to the worker
 * through the shared uploads folder, runs `generateFlowWorkflow`, and saves the flow as a draft of
 * the caller only when the run returned a valid one.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { insertFlow } from '../flows/flow-rows';
import type { generateFlowWorkflow } from '../../workflows/generate-flow-workflow';
import {
  flowGenerationFailureTypes,
  generateFlowWorkflowId,
  MAX_UPLOAD_BYTES,
  type GenerateFlowInput,
  type GenerateFlowResult,
  type GenerationUpload,
} from '../../workflows/generate-flow-definitions';
import {
  BadGatewayError,
  BadRequestError,
  HttpError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  UnprocessableEntityError,
} from '../errors';
import { detectUploadType, UPLOAD_SIGNATURE_BYTES } from './detect-upload-type';
import type { GenerationForm } from '../schemas/flow-generation';

/** 502: the model failed or gave no valid flow; nothing was saved. */
export class FlowGenerationFailedError extends BadGatewayError {
  override readonly name = 'FlowGenerationFailedError' as 'BadGatewayError';
}

/** What the generator service needs. */
export interface GenerateFlowDeps {
  dataSource: DataSource;
  temporalClient: Client | undefined;
  taskQueue: string;
  /** `<DATA_DIR>/generation-uploads`, shared with the worker. */
  uploadDir: string;
  /** Whole-run deadline (default 5 minutes): extraction, up to three model calls, validation. */
  runTimeoutMs?: number;
}

/** The published response of `POST /api/flows/generate`. */
export interface GenerateFlowResponse {
  success: true;
  flow: { id: string; name: string; status: 'draft'; drawflowData: Record<string, unknown> };
  nodeCount: number;
  message: string;
}

/** The text `POST /api/flows/generate` answers with 503 when no model is configured. */
export const NOT_CONFIGURED_MESSAGE =
  'AI flow generation is not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for an OpenAI-compatible server)';

/**
 * Generates and saves one flow for `userId`. Always removes the uploaded file.
 * @throws HttpError 400 (nothing to generate from), 413/415 (file), 502 (model failure or no valid
 *   flow), 503 (no Temporal client or no model on the worker), 422 (the PDF cannot be read).
 */
export async function generateFlow(
  deps: GenerateFlowDeps,
  userId: string,
  form: GenerationForm,
): Promise<GenerateFlowResponse> {
  const generationId = randomUUID();
  const uploadPath = path.join(deps.uploadDir, generationId);
  try {
    const upload = form.file ? await adoptUpload(form.file, generationId, uploadPath) : undefined;
    if (!form.prompt && !upload) {
      throw new BadRequestError('Describe the flow in "prompt", attach a PDF or an image as "file", or both');
    }
    const result = await runGeneration(deps, generationId, { prompt: form.prompt, upload });
    const flow = await insertFlow(deps.dataSource, {
      userId,
      name: result.flow.name,
      description: result.flow.description,
      status: 'draft',
      drawflowData: result.flow.drawflowData as unknown as Record<string, unknown>,
    });
    const { nodeCount } = result.flow;
    return {
      success: true,
      flow: { id: flow.id, name: flow.name, status: 'draft', drawflowData: flow.drawflowData },
      nodeCount,
      message: `Flow generated with ${nodeCount} nodes`,
    };
  } finally {
    await Promise.all([
      form.file && fs.rm(form.file.path, { force: true }),
      fs.rm(uploadPath, { force: true }),
    ]);
  }
}

/** Checks the file's bytes and moves it to the name the worker will look for. */
async function adoptUpload(
  file: NonNullable<GenerationForm['file']>,
  generationId: string,
  uploadPath: string,
): Promise<GenerationUpload> {
  if (file.size > MAX_UPLOAD_BYTES)
    throw new PayloadTooLargeError('The file is too large: at most 10 MB is accepted');
  const head = Buffer.alloc(UPLOAD_SIGNATURE_BYTES);
  const handle = await fs.open(file.path, 'r');
  try {
    await handle.read(head, 0, UPLOAD_SIGNATURE_BYTES, 0);
  } finally {
    await handle.close();
  }
  const mediaType = detectUploadType(head);
  if (!mediaType) {
    throw new UnsupportedMediaTypeError(
      'Unsupported file: send a PDF, PNG, JPEG or WEBP file (checked by its content)',
    );
  }
  await fs.rename(file.path, uploadPath);
  return { id: generationId, mediaType, size: file.size };
}

async function runGeneration(
  deps: GenerateFlowDeps,
  generationId: string,
  input: GenerateFlowInput,
): Promise<GenerateFlowResult> {
  const client = deps.temporalClient;
  if (!client)
    throw new ServiceUnavailableError('AI flow generation is unavailable: Temporal is not configured');
  try {
    return await client.workflow.execute<typeof generateFlowWorkflow>('generateFlowWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: generateFlowWorkflowId(generationId),
      args: [input],
      workflowExecutionTimeout: deps.runTimeoutMs ?? 5 * 60_000,
      staticSummary: input.upload
        ? `Generate a flow from a prompt and a ${input.upload.mediaType} file`
        : 'Generate a flow from a prompt',
    });
  } catch (error) {
    throw toHttpError(error);
  }
}

const FAILURE_ANSWERS: Record<string, (message: string, cause: unknown) => HttpError> = {
  [flowGenerationFailureTypes.invalidFlow]: (message, cause) =>
    new FlowGenerationFailedError(message, { cause }),
  [flowGenerationFailureTypes.unreadableUpload]: (message, cause) =>
    new UnprocessableEntityError(message, { cause }),
  LlmNotConfigured: (_message, cause) => new ServiceUnavailableError(NOT_CONFIGURED_MESSAGE, { cause }),
};

/** Finds the typed failure under WorkflowFailedError → ActivityFailure → ApplicationFailure. */
function toHttpError(error: unknown): HttpError {
  let last = error instanceof Error ? error.message : String(error);
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type && FAILURE_ANSWERS[cause.type]) {
      return FAILURE_ANSWERS[cause.type](cause.message, error);
    }
    last = cause.message;
  }
  return new FlowGenerationFailedError(`AI flow generation failed: ${last}`, { cause: error });
}
