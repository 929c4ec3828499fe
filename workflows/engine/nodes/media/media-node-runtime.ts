import type { NodeRuntime } from '../../node-definition';
import { executeMediaNode } from './execute-media-node';
import type { MediaNodeData } from './media-node-data';

/** `media` at run time: its outputs and executor. */
export const mediaNodeRuntime: NodeRuntime<MediaNodeData> = {
  outputs: () => [
    { name: 'sent', description: 'The media message was sent.' },
    {
      name: 'window_closed',
      description: 'The 24-hour window was closed, so nothing was sent.',
      failure: true,
    },
  ],
  execute: executeMediaNode,
};
