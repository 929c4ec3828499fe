import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { MediaNodeData } from './media-node-data';
import { mediaNodeDataSchema } from './media-node-data';
import { mediaNodeRuntime } from './media-node-runtime';
import { mediaOutputs } from './media-outputs';

/** `media`: an image, video, document or audio file by link. */
export const mediaNode: NodeDefinition<MediaNodeData> = {
  summary: 'Sends an image, video, document or audio file by link, with an optional caption.',
  dataSchema: mediaNodeDataSchema,
  ...mediaNodeRuntime,
  openingRole: () => 'session_message',
  outputsWithoutWaiting: (_data, window) =>
    window === 'open' ? [mediaOutputs.sent] : [mediaOutputs.windowClosed],
  validate: validateMediaData,
};

function validateMediaData(data: MediaNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  if (!/^(https?:\/\/|\{\{)/.test(data.link)) {
    problems.push({
      path: ['link'],
      message: 'The media link must start with https:// (or be a {{variable}}).',
    });
  }
  if (data.mediaType === 'audio' && data.caption) {
    problems.push({
      path: ['caption'],
      message: 'WhatsApp does not show captions on audio; remove the caption.',
    });
  }
  return problems;
}
