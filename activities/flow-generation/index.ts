/**
 * The AI flow generator's activities: `extractDocumentText`, `callFlowModel`, `validateGeneratedFlow`.
 * `createActivities(deps)` includes them; `generateFlowWorkflow` proxies them through the
 * `FlowGenerationActivities` contract (workflows/generate-flow-definitions.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { Context, log } from '@temporalio/activity';
import OpenAI from 'openai';
import type { AppConfig } from '../../platform/config';
import {
  flowGenerationFailureTypes,
  type FlowGenerationActivities,
  type GenerationUpload,
} from '../../workflows/generate-flow-definitions';
import { createLlmNotConfiguredFailure, toLlmFailure } from '../llm/llm-failure';
import { callFlowModel } from './call-flow-model';
import { DEFAULT_PDF_LIMITS, extractPdfText, PdfReadError, type PdfLimits } from './extract-pdf-text';
import { readUpload } from './read-upload';
import { validateGeneratedFlow } from './validate-generated-flow';

/** What the generator's activities need. */
export interface FlowGenerationDeps {
  openai: AppConfig['openai'];
  /** `<DATA_DIR>/generation-uploads`: where the API leaves uploads. Undefined: prompt-only generation. */
  uploadDir: string | undefined;
  pdfLimits?: Partial<PdfLimits>;
}

/**
 * A whole flow takes the model far longer than a chat reply: OPENAI_TIMEOUT_MS (30 s by default,
 * sized for AI nodes) is used when larger, otherwise this floor.
 */
export const MIN_FLOW_MODEL_TIMEOUT_MS = 120_000;

/**
 * Builds the generator's activities. `createActivities` includes them, so the worker registers them
 * with the rest. Model failures are the LLM activities' typed failures.
 */
export function createFlowGenerationActivities(deps: FlowGenerationDeps): FlowGenerationActivities {
  const { openai: config } = deps;
  const pdfLimits: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...deps.pdfLimits };
  const client = config.apiKey
    ? new OpenAI({
        apiKey: config.apiKey,
        baseURL: config.baseUrl,
        timeout: Math.max(config.timeoutMs, MIN_FLOW_MODEL_TIMEOUT_MS),
        maxRetries: 0,
      })
    : undefined;

  return {
    async extractDocumentText(upload) {
      const bytes = await readUpload(deps.uploadDir, upload);
      try {
        const document = await extractPdfText(bytes, pdfLimits);
        log.info('PDF text extracted', {
          pages: document.pageCount,
          pagesRead: document.pagesRead,
          chars: document.text.length,
          truncated: document.truncated,
        });
        return document;
      } catch (error) {
        if (!(error instanceof PdfReadError)) throw error;
        throw ApplicationFailure.create({
          message: error.message,
          type: flowGenerationFailureTypes.unreadableUpload,
          nonRetryable: true,
          cause: error,
        });
      }
    },

    async callFlowModel(input) {
      if (!client) throw createLlmNotConfiguredFailure();
      const imageDataUrl = input.image ? await toDataUrl(deps.uploadDir, input.image) : undefined;
      const started = Date.now();
      try {
        const answer = await callFlowModel(
          client,
          {
            model: config.model,
            prompt: input.prompt,
            document: input.document,
            imageDataUrl,
            repairs: input.repairs,
          },
          Context.current().cancellationSignal,
        );
        log.info('Flow model answered', {
          model: config.model,
          repairTurn: input.repairs.length,
          chars: answer.length,
          ms: Date.now() - started,
        });
        return answer;
      } catch (error) {
        throw toLlmFailure(error);
      }
    },

    async validateGeneratedFlow(answer) {
      const check = validateGeneratedFlow(answer);
      if (check.valid) log.info('Generated flow is valid', { nodes: check.flow.nodeCount });
      else
        log.warn('Generated flow is invalid', { problems: check.problems.length, first: check.problems[0] });
      return check;
    },
  };
}

async function toDataUrl(uploadDir: string | undefined, upload: GenerationUpload): Promise<string> {
  const bytes = await readUpload(uploadDir, upload);
  return `data:${upload.mediaType};base64,${bytes.toString('base64')}`;
}
