/**
 * Definitions of the AI flow generator shared by `api/`, `worker/`, `activities/flow-generation/`
 * and tests: the workflow's input and result, the activity contract, limits and ids. No I/O, no
 * runtime imports, so every side (the workflow sandbox included) may import it.
 */
import type { DrawflowDocument } from './engine/model/drawflow-document';

/** File types the generator reads, decided from the file's bytes. */
export type GenerationMediaType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * An uploaded file handed from the API to the worker. The bytes are not in the payload (Temporal
 * payloads stay small): the API writes them to `<DATA_DIR>/generation-uploads/<id>`, a folder the
 * API and the worker share, and deletes the file when the run is over.
 */
export interface GenerationUpload {
  /** A UUID the API chose; also the file name. */
  id: string;
  mediaType: GenerationMediaType;
  /** Size in bytes. */
  size: number;
}

/** Subfolder of DATA_DIR that holds uploads while their generation runs. */
export const GENERATION_UPLOADS_FOLDER = 'generation-uploads';

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Input of `generateFlowWorkflow`. */
export interface GenerateFlowInput {
  /** What the user asked for; may be empty when a file says it all. */
  prompt: string;
  upload?: GenerationUpload;
}

/** A generated flow that passed the engine's validator with no problem. */
export interface GeneratedFlow {
  name: string;
  description: string;
  drawflowData: DrawflowDocument;
  nodeCount: number;
}

/** Result of `generateFlowWorkflow`: the flow and how many repair turns it took. */
export interface GenerateFlowResult {
  flow: GeneratedFlow;
  repairTurns: number;
  /** Model answers asked for (1 + repair turns). */
  modelCalls: number;
}

/** Text read from an uploaded PDF, bounded by the extraction limits. */
export interface ExtractedDocument {
  text: string;
  /** Pages in the file. */
  pageCount: number;
  /** Pages read (at most the page limit). */
  pagesRead: number;
  /** Whether pages or characters were left out. */
  truncated: boolean;
}

/** One earlier answer of the model and what was wrong with it. */
export interface RepairTurn {
  /** The model's answer, exactly as it wrote it. */
  answer: string;
  problems: string[];
}

/** Input of the `callFlowModel` activity. */
export interface CallFlowModelInput {
  prompt: string;
  document?: ExtractedDocument;
  /** An image upload, sent to the model as vision input. */
  image?: GenerationUpload;
  /** Earlier answers and their problems, oldest first: the model is asked to fix the last one. */
  repairs: RepairTurn[];
}

/** What `validateGeneratedFlow` says about an answer. */
export type GeneratedFlowCheck = { valid: true; flow: GeneratedFlow } | { valid: false; problems: string[] };

/** The activities of the flow generator (built by `createFlowGenerationActivities`). */
export interface FlowGenerationActivities {
  /** Reads the text of a PDF upload, within page and character limits. */
  extractDocumentText(upload: GenerationUpload): Promise<ExtractedDocument>;
  /** Asks the model for a compact graph; returns its answer (JSON text). */
  callFlowModel(input: CallFlowModelInput): Promise<string>;
  /** Parses an answer, builds its Drawflow JSON and runs the engine's validator on it. */
  validateGeneratedFlow(answer: string): Promise<GeneratedFlowCheck>;
}

/** How many times the model may fix an invalid answer (so at most 1 + this many model calls). */
export const MAX_REPAIR_TURNS = 2;

/** Failure types of the generator (ApplicationFailure `type`), for the API to map to statuses. */
export const flowGenerationFailureTypes = {
  /** No valid graph after the repair turns. Non-retryable. */
  invalidFlow: 'GeneratedFlowInvalid',
  /** The upload could not be read (missing file, unreadable PDF). Non-retryable. */
  unreadableUpload: 'GenerationUploadUnreadable',
} as const;

/** The workflow id of one generation: derived from the id the API chose, never from user input. */
export function generateFlowWorkflowId(generationId: string): string {
  return `flow-generation-${generationId}`;
}
