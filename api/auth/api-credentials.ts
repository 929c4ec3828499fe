import { generateToken } from '../../platform/secrets';

/** A freshly generated API client: `clientId` is public, `apiKey` is shown once and stored hashed. */
export interface NewApiCredentials {
  clientId: string;
  apiKey: string;
}

/** Generates `aiflow_<random>` and `sk_<random>` (32 bytes of entropy for the key). */
export function generateApiCredentials(): NewApiCredentials {
  return { clientId: `aiflow_${generateToken(12)}`, apiKey: `sk_${generateToken(32)}` };
}

/** A new per-flow outbound token and HMAC secret, shown once. */
export function generateFlowCredentials(): { outboundToken: string; hmacSecret: string } {
  return { outboundToken: `flt_${generateToken(32)}`, hmacSecret: generateToken(32) };
}
