/** Reads an upload the API left in the shared uploads folder (see GenerationUpload). */
import { ApplicationFailure } from '@temporalio/common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { flowGenerationFailureTypes, type GenerationUpload } from '../../workflows/generate-flow-definitions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bytes of `upload` under `uploadDir`. The id must be a UUID, so no input can name another file.
 * @throws ApplicationFailure `GenerationUploadUnreadable` (non-retryable) when the file is gone or its size changed.
 */
export async function readUpload(uploadDir: string | undefined, upload: GenerationUpload): Promise<Buffer> {
  if (uploadDir === undefined) {
    throw unreadable(
      'This worker has no uploads folder (its configuration has no DATA_DIR); only prompts work',
    );
  }
  if (!UUID.test(upload.id)) throw unreadable(`The upload id "${upload.id}" is not a UUID`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(uploadDir, upload.id));
  } catch (error) {
    throw unreadable(
      `The uploaded file is not in ${uploadDir}: the API and the worker must share DATA_DIR/generation-uploads`,
      error,
    );
  }
  if (bytes.length !== upload.size)
    throw unreadable(`The uploaded file has ${bytes.length} bytes, expected ${upload.size}`);
  return bytes;
}

function unreadable(message: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: flowGenerationFailureTypes.unreadableUpload,
    nonRetryable: true,
    cause: cause instanceof Error ? cause : undefined,
  });
}
