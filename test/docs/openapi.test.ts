import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_TAGS } from '../../api/openapi/api-tags';
import type { OpenApiDocument } from '../../api/openapi/build-openapi-document';
import { SECURITY_SCHEMES } from '../../api/openapi/security-schemes';
import { AWAITED_ROUTES, listRegisteredRoutes, startDocsApp, type DocsApp } from './docs-app';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown; examples?: Record<string, unknown> }> };
  responses?: Record<string, { description?: string; content?: Record<string, { example?: unknown }> }>;
}

/** The published documentation's operations, with the summaries it gives them. */
const PUBLISHED_OPERATIONS = [
  ['post', '/api/auth/login', 'Login'],
  ['post', '/api/auth/api-token', 'Exchange Client Credentials to API JWT'],
  ['post', '/api/webhook/outbound', 'Trigger Outbound Flow'],
  ['post', '/api/webhook/flow/{flowId}/lead', 'Send Lead to Flow'],
  ['get', '/api/flows', 'List Flows'],
  ['get', '/api/conversations', 'List Conversations'],
  ['post', '/api/conversations/{id}/reply', 'Send Message to Customer'],
  ['post', '/api/flows/generate', 'Generate Flow with AI'],
] as const;

let docs: DocsApp;
let document: OpenApiDocument;

before(async () => {
  docs = await startDocsApp();
  document = await docs.getJson<OpenApiDocument>('/api/openapi.json');
});
after(() => docs?.stop());

function operations(): [string, string, Operation][] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
  );
}

describe('GET /api/openapi.json', () => {
  test('documents exactly the routes the Koa router dispatches', () => {
    const registered = listRegisteredRoutes(docs.app).sort();
    const documented = operations()
      .map(([method, path]) => `${method} ${path}`)
      .sort();
    assert.ok(registered.length > 20, `only ${registered.length} routes registered`);
    const undocumented = registered.filter((route) => !documented.includes(route));
    const withoutRoute = documented.filter((route) => !registered.includes(route));
    assert.deepEqual(undocumented, [], 'routes without an OpenAPI entry');
    assert.deepEqual(withoutRoute, [], 'OpenAPI entries without a route');
  });

  test('is an OpenAPI 3.1 document with info, servers, tags and paths', () => {
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.info.title, 'FlowBot API');
    assert.match(document.info.version, /^\d+\.\d+\.\d+/);
    assert.ok(document.servers?.[0]?.url.startsWith('http'));
    const tagNames = (document.tags ?? []).map((tag) => tag.name);
    assert.equal(new Set(tagNames).size, tagNames.length, 'tags are unique');
    const knownTags = Object.values(API_TAGS).map((tag) => tag.name);
    assert.deepEqual(
      tagNames,
      knownTags.filter((name) => tagNames.includes(name)),
      'tags in domain order',
    );
    for (const path of Object.keys(document.paths ?? {})) assert.match(path, /^\/[\w\-./{}]*$/);
  });

  test('every operation has a unique operationId, one known tag, a summary, responses and its path parameters', () => {
    const ids = new Set<string>();
    const tagNames = (document.tags ?? []).map((tag) => tag.name);
    for (const [method, path, operation] of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(operation.operationId, `${where}: operationId`);
      assert.ok(!ids.has(operation.operationId), `${where}: duplicate operationId ${operation.operationId}`);
      ids.add(operation.operationId);
      assert.equal(operation.tags?.length, 1, `${where}: one tag`);
      assert.ok(tagNames.includes(operation.tags[0]), `${where}: tag ${operation.tags[0]} is declared`);
      assert.ok(operation.summary, `${where}: summary`);
      assert.ok(Object.keys(operation.responses ?? {}).length > 0, `${where}: responses`);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        assert.match(status, /^[1-5]\d\d$/, `${where}: status ${status}`);
        assert.ok(response.description, `${where} ${status}: description`);
      }
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => {
          assert.equal(parameter.required, true, `${where}: path parameter ${parameter.name} is required`);
          return parameter.name;
        })
        .sort();
      assert.deepEqual(declared, pathParams, `${where}: path parameters`);
    }
  });

  test('every security requirement names a declared scheme, and all four schemes are declared', () => {
    const schemes = document.components?.securitySchemes ?? {};
    assert.deepEqual(Object.keys(schemes).sort(), Object.keys(SECURITY_SCHEMES).sort());
    assert.deepEqual(schemes.sessionCookie, { ...SECURITY_SCHEMES.sessionCookie });
    assert.equal((schemes.hmacSignature as { name: string }).name, 'X-Signature-256');
    for (const [method, path, operation] of operations()) {
      for (const requirement of operation.security ?? []) {
        for (const name of Object.keys(requirement)) {
          assert.ok(name in schemes, `${method} ${path}: unknown security scheme ${name}`);
        }
      }
    }
  });

  test('every $ref resolves inside the document', () => {
    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else if (key !== 'example' && key !== 'examples') collect(value);
      }
    };
    collect(document);
    assert.ok(refs.length > 0, 'the document shares schemas by $ref');
    for (const ref of new Set(refs)) {
      assert.match(ref, /^#\//, `${ref} is local`);
      const target = ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
      assert.ok(target !== undefined, `${ref} resolves`);
    }
  });

  for (const [method, path, summary] of PUBLISHED_OPERATIONS) {
    test(`${method.toUpperCase()} ${path} has the published summary and examples`, (t) => {
      const operation = (document.paths?.[path] as Record<string, Operation> | undefined)?.[method];
      if (!operation && AWAITED_ROUTES.has(`${method} ${path}`)) {
        t.todo('not mounted in buildApp yet');
        return;
      }
      assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
      assert.equal(operation.summary, summary);
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
      assert.ok(success, 'a 2xx response');
      const json = success[1].content?.['application/json'];
      assert.ok(json?.example !== undefined, `the ${success[0]} response has the published example`);
      if (method === 'post') {
        const body = Object.values(operation.requestBody?.content ?? {})[0];
        assert.ok(
          body?.examples && Object.keys(body.examples).length > 0,
          'the request has the published example',
        );
      }
    });
  }
});
