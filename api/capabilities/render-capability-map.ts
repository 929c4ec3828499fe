import type { Capability } from './capability-map';

/**
 * The capability map as Markdown: one section per capability with a table of its calls. Used for
 * docs/capability-map.md (by `npm run docs:build`) and the /docs/capabilities page, so both say
 * the same as `GET /api/capabilities`.
 */
export function renderCapabilityMap(capabilities: readonly Capability[]): string {
  const sections = capabilities.map((capability) => {
    const rows = capability.calls.map(
      (call) => `| \`${call.method.toUpperCase()} ${call.path}\` | ${call.purpose} |`,
    );
    return [
      `## ${capability.title}`,
      '',
      capability.summary,
      '',
      '| API call | purpose |',
      '| --- | --- |',
      ...rows,
    ].join('\n');
  });
  return [
    '# FlowBot capability map',
    '',
    'Each platform capability and the exact API calls that implement it, in the order they are made.',
    'The same data is served as JSON at `GET /api/capabilities`; every route is described in the API',
    'reference at `/docs` (OpenAPI 3.1 at `/api/openapi.json`). Copy-paste snippets for the core',
    'integration flows are in the [integration guide](integration-guide.md).',
    '',
    '<!-- Generated from api/capabilities/capability-map.ts by `npm run docs:build`; do not edit. -->',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}
