import type { AiRouterNodeData } from './ai-router-node-data';

/** The output taken when no intent fits or the LLM fails. */
export function aiRouterFallbackOutput(data: AiRouterNodeData): number {
  return data.intents.length + 1;
}
