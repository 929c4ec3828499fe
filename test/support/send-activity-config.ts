import type { ActivityConfig } from '../../activities';

/**
 * The activities' configuration for tests of the send path against the fake Graph API at
 * `graphBaseUrl`: WhatsApp's default 80 messages/s per number, no LLM, no private networks.
 */
export function sendActivityConfig(graphBaseUrl: string, dataEncryptionKey: Buffer): ActivityConfig {
  return {
    dataEncryptionKey,
    whatsapp: {
      graphBaseUrl,
      graphVersion: 'v23.0',
      appSecret: 'unused',
      verifyToken: 'unused',
      messagesPerSecond: 80,
    },
    openai: { apiKey: undefined, baseUrl: 'http://127.0.0.1:9/v1', model: 'unused', timeoutMs: 1000 },
    httpNode: { allowPrivate: false },
  };
}
