import type { DataProblem, NodeDefinition } from '../../node-definition';
import { executeMediaNode } from './execute-media-node';
import { mediaNodeDataSchema, type MediaNodeData } from './media-node-data';

/** `media`: an image, video, document or audio file by link. */
export const mediaNode: NodeDefinition<MediaNodeData> = {
  summary: 'Sends an image, video, document or audio file by link, with an optional caption.',
  dataSchema: mediaNodeDataSchema,
  outputs: () => [
    { name: 'sent', description: 'The media message was sent.' },
    {
      name: 'window_closed',
      description: 'The 24-hour window was closed, so nothing was sent.',
      failure: true,
    },
  ],
  openingRole: () => 'session_message',
  execute: executeMediaNode,
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
