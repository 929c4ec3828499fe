/**
 * `POST /api/flows/generate` (multipart/form-data: `prompt`, optional `file`): an AI-generated flow,
 * saved as a draft of the caller. See docs/flow-generation.md.
 */
import path from 'node:path';
import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { AppConfig } from '../../platform/config';
import { GENERATION_UPLOADS_FOLDER } from '../../workflows/generate-flow-definitions';
import type { AppDeps } from '../app';
import type { AppState } from '../app-state';
import { ServiceUnavailableError } from '../errors';
import { generateFlow, NOT_CONFIGURED_MESSAGE } from '../flow-generation/generate-flow';
import { parseGenerationForm } from '../flow-generation/parse-generation-form';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  generateFlowFormSchema,
  generateFlowResponseExample,
  generateFlowResponseSchema,
} from '../schemas/flow-generation';
import { errorResponse } from '../schemas/system';

/** The directory uploads wait in while their generation runs: the API writes, the worker reads. */
export function generationUploadDir(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, GENERATION_UPLOADS_FOLDER);
}

/** Builds the router of `POST /api/flows/generate`. */
export function createFlowGenerationRouter(deps: AppDeps): Router<AppState> {
  const uploadDir = generationUploadDir(deps.config);
  const requireModel: Middleware<AppState> = async (_ctx, next) => {
    // Before the body is read: no point receiving 10 MB that cannot be used.
    if (!deps.config.openai.apiKey) throw new ServiceUnavailableError(NOT_CONFIGURED_MESSAGE);
    await next();
  };

  const generate = defineRoute({
    method: 'post',
    path: '/api/flows/generate',
    tag: 'flows',
    summary: 'Generate Flow with AI',
    description:
      'Generate a complete WhatsApp flow from a text description, a PDF document (menu, brochure) or an ' +
      'image (a screenshot of an existing bot), or both. The flow is checked by the same validator as ' +
      'every flow and saved as a **draft** of the caller, to review before activating. The call waits ' +
      'for the model (up to a few minutes).',
    auth: ['cookie', 'bearer'],
    request: { body: generateFlowFormSchema, bodyContentType: 'multipart/form-data' },
    responses: {
      200: {
        description: 'The flow, generated and saved as a draft',
        schema: generateFlowResponseSchema,
        example: generateFlowResponseExample,
      },
      400: errorResponse(
        'Neither prompt nor file, a prompt over 4,000 characters, or more than one file',
        'Describe the flow in "prompt", attach a PDF or an image as "file", or both',
      ),
      413: errorResponse('The file is over 10 MB', 'The file is too large: at most 10 MB is accepted'),
      415: errorResponse(
        'The body is not multipart/form-data, or the file is not a PDF, PNG, JPEG or WEBP by its content',
        'Unsupported file: send a PDF, PNG, JPEG or WEBP file (checked by its content)',
      ),
      422: errorResponse('The PDF could not be read', 'The PDF could not be read: …'),
      502: errorResponse(
        'The model failed, or gave no valid flow after the repair turns; nothing was saved',
        'The model gave no valid flow in 3 attempts. Last problems: …',
      ),
      503: errorResponse(
        'No model is configured (OPENAI_API_KEY) or Temporal is unavailable',
        NOT_CONFIGURED_MESSAGE,
      ),
    },
    middleware: [requireModel, ...parseGenerationForm(uploadDir)],
    handler: async (ctx, { body, auth }) => {
      ctx.body = await generateFlow(
        {
          dataSource: deps.dataSource,
          temporalClient: deps.temporalClient,
          taskQueue: deps.config.temporal.taskQueue,
          uploadDir,
        },
        auth.user.id,
        body,
      );
    },
  });
  return createRouter(deps, [generate]);
}
