/**
 * The AI flow generator as a durable run: read the attachment, ask the model for a compact graph,
 * validate it, and send the validator's problems back for at most MAX_REPAIR_TURNS repairs. Only a
 * valid flow is returned; otherwise the run fails with `GeneratedFlowInvalid` (nothing is saved).
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  flowGenerationFailureTypes,
  MAX_REPAIR_TURNS,
  type ExtractedDocument,
  type FlowGenerationActivities,
  type GenerateFlowInput,
  type GenerateFlowResult,
  type RepairTurn,
} from './generate-flow-definitions';

const { extractDocumentText, validateGeneratedFlow } = proxyActivities<FlowGenerationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

// Above the client's own deadline (MIN_FLOW_MODEL_TIMEOUT_MS): the activity reports the timeout itself.
const { callFlowModel } = proxyActivities<FlowGenerationActivities>({
  startToCloseTimeout: '3 minutes',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds', backoffCoefficient: 2 },
});

/** Generates one flow; see the module comment. Time-bounded by the caller's execution timeout. */
export async function generateFlowWorkflow(input: GenerateFlowInput): Promise<GenerateFlowResult> {
  const { upload } = input;
  let document: ExtractedDocument | undefined;
  if (upload?.mediaType === 'application/pdf') document = await extractDocumentText(upload);
  const image = upload && upload.mediaType !== 'application/pdf' ? upload : undefined;

  const repairs: RepairTurn[] = [];
  for (;;) {
    const answer = await callFlowModel({ prompt: input.prompt, document, image, repairs });
    const check = await validateGeneratedFlow(answer);
    if (check.valid) return { flow: check.flow, repairTurns: repairs.length, modelCalls: repairs.length + 1 };
    if (repairs.length >= MAX_REPAIR_TURNS) {
      throw ApplicationFailure.create({
        message: `The model gave no valid flow in ${repairs.length + 1} attempts. Last problems: ${check.problems.slice(0, 5).join(' ')}`,
        type: flowGenerationFailureTypes.invalidFlow,
        nonRetryable: true,
        details: [check.problems],
      });
    }
    repairs.push({ answer, problems: check.problems });
  }
}
