import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponseSchema } from '../schemas/system';
import type { AnyRouteDefinition } from '../routing/route-definition';
import { API_TAGS } from './api-tags';
import { hoistNamedSchemas } from './hoist-named-schemas';
import { INTEGRATION_FLOWS, readSnippet, SNIPPET_LANGUAGES } from './integration-snippets';
import { toOperationId } from './operation-id';
import { PUBLISHED_REQUEST_EXAMPLES } from './published-examples';
import { SECURITY_SCHEMES, toSecurityRequirements } from './security-schemes';

/** The OpenAPI 3.1 document, as zod-to-openapi types it. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** What the document says about where and what it describes. */
export interface OpenApiDocumentOptions {
  /** The server callers reach (PUBLIC_BASE_URL). */
  serverUrl: string;
  /** The API's version (the package version). */
  version: string;
}

/** The published error example; every 4xx/5xx body has this shape. */
const ERROR_EXAMPLE = { error: 'Human-readable error message' };

/**
 * Builds the OpenAPI 3.1 document from the route catalogue: one operation per declared route,
 * tagged by domain, with its security alternatives, the zod schemas it validates with, the
 * published examples and the tested integration snippets as `x-codeSamples`. Routes are the only
 * source: there is no hand-written path in the document.
 */
export function buildOpenApiDocument(
  routes: readonly AnyRouteDefinition[],
  options: OpenApiDocumentOptions,
): OpenApiDocument {
  nameSharedSchemas();
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    registry.registerComponent('securitySchemes', name, scheme);
  }
  for (const route of routes) registry.registerPath(toRouteConfig(route));

  const usedTags = new Set(routes.map((route) => route.tag));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'FlowBot API',
      version: options.version,
      description: DESCRIPTION,
    },
    servers: [{ url: options.serverUrl }],
    tags: Object.entries(API_TAGS)
      .filter(([tag]) => usedTags.has(tag as AnyRouteDefinition['tag']))
      .map(([, tag]) => ({ name: tag.name, description: tag.description })),
  });
  return hoistNamedSchemas(document);
}

/**
 * Names shared schemas in zod's own metadata registry, without touching their modules; the
 * generated copies then carry the `id` that {@link hoistNamedSchemas} turns into one component.
 * (`registry.register` would need zod-to-openapi's prototype patch, `extendZodWithOpenApi`.)
 */
function nameSharedSchemas(): void {
  if (!z.globalRegistry.has(errorResponseSchema)) z.globalRegistry.add(errorResponseSchema, { id: 'Error' });
}

function toRouteConfig(route: AnyRouteDefinition): RouteConfig {
  const request = route.request ?? {};
  const examples = PUBLISHED_REQUEST_EXAMPLES[`${route.method} ${route.path}`];
  const codeSamples = toCodeSamples(route);
  return {
    method: route.method,
    path: route.path,
    operationId: toOperationId(route.method, route.path),
    tags: [API_TAGS[route.tag].name],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: toSecurityRequirements(route.auth),
    request: {
      ...(request.params ? { params: request.params } : {}),
      ...(request.query ? { query: request.query } : {}),
      ...(request.body
        ? {
            body: {
              required: true,
              content: {
                [request.bodyContentType ?? 'application/json']: {
                  schema: request.body,
                  ...(examples ? { examples } : {}),
                },
              },
            },
          }
        : {}),
    },
    responses: toResponses(route),
    ...(codeSamples.length > 0 ? { 'x-codeSamples': codeSamples } : {}),
  };
}

/**
 * The route's declared responses, plus the answers its declaration implies when it does not
 * document them itself: 400 for validated input, 401 for credentials, 403 for admin-only routes.
 */
function toResponses(route: AnyRouteDefinition): Record<string, ResponseConfig> {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const hasContent = response.schema !== undefined || response.example !== undefined;
    responses[status] = {
      description: response.description,
      ...(hasContent
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                ...(response.schema ? { schema: response.schema } : {}),
                ...(response.example !== undefined ? { example: response.example } : {}),
              },
            },
          }
        : {}),
    };
  }
  const implied: [number, boolean, string][] = [
    [400, hasRequestSchema(route), 'Invalid input: the message names every failing field'],
    [401, !route.auth.includes('none'), 'Missing or invalid credentials'],
    [403, route.role === 'admin', 'Only administrators may do this'],
  ];
  for (const [status, applies, description] of implied) {
    if (!applies || responses[status]) continue;
    responses[status] = {
      description,
      content: { 'application/json': { schema: errorResponseSchema, example: ERROR_EXAMPLE } },
    };
  }
  return responses;
}

function hasRequestSchema(route: AnyRouteDefinition): boolean {
  const request = route.request ?? {};
  return Boolean(request.params || request.query || request.body);
}

/** The tested snippets of the integration guide that call this route, one per language. */
function toCodeSamples(route: AnyRouteDefinition): { lang: string; label: string; source: string }[] {
  const flows = INTEGRATION_FLOWS.filter(
    (flow) => flow.route.method === route.method && flow.route.path === route.path,
  );
  return SNIPPET_LANGUAGES.flatMap((language) =>
    flows.map((flow) => ({
      lang: language.openApiLang,
      label: flows.length > 1 ? `${language.label}: ${flow.title}` : language.label,
      source: readSnippet(flow, language),
    })),
  );
}

const DESCRIPTION = `Integrate FlowBot into your applications. Trigger WhatsApp flows, send messages, manage conversations, and generate AI-powered flows programmatically.

**Base URL:** the server below · **Format:** JSON (\`application/json\`) · **Auth:** JWT Bearer / Cookie / Legacy per-flow auth

### Getting started

1. An admin approves API usage in User Management, then you rotate your key in Settings → API Access.
2. \`POST /api/auth/api-token\` → get \`accessToken\`.
3. \`POST /api/webhook/outbound\`, \`POST /api/webhook/flow/{flowId}/lead\` with \`Authorization: Bearer <accessToken>\`.

### More

- [Integration guide](/docs/integration-guide): copy-paste ready snippets for the core integration flows in exactly these languages: cURL, Node.js, Python, PHP. Every snippet is run by the test suite against a real server.
- [Capability map](/docs/capabilities): each platform capability and the exact API calls that implement it (also as JSON: [\`/api/capabilities\`](/api/capabilities)).
- [OpenAPI document](/api/openapi.json): this reference as OpenAPI 3.1, the complete inventory of system APIs (integration + internal), grouped by domain.

### Errors

Every error is \`{"error": "Human-readable error message"}\` with its status: 400 bad input, 401 missing or invalid credentials, 403 not allowed, 404 not found, 409 conflict, 413 too large, 415 wrong content type, 422 a rule is broken (e.g. the 24-hour window is closed), 429 too many requests, 503 a dependency is not configured or unreachable.

### Input limits

- JSON bodies: at most 2 MB (413) and at most 64 levels of nested objects and arrays (400).
- Text: strings — values and field names, in bodies, query strings and paths — must not contain NUL (\`\\u0000\`) or unpaired UTF-16 surrogates (e.g. a lone \`\\ud800\`); the 400 names each such field. The WhatsApp webhook stores such text with U+FFFD in its place instead.
- Methods: a path used with a method it does not accept answers 405 with an \`Allow\` header listing those it does; a path that does not exist, 404.`;
