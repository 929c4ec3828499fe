/**
 * `npm run docs:build`: regenerates the generated parts of the documentation from their sources:
 * the code blocks of docs/integration-guide.md from docs/snippets/ and docs/walkthrough/, and docs/capability-map.md
 * from api/capabilities. `npm run docs:build -- --check` changes nothing and exits 1 when a file
 * is out of date (test/docs/guide.test.ts runs the same check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { CAPABILITIES } from '../api/capabilities/capability-map';
import { renderCapabilityMap } from '../api/capabilities/render-capability-map';
import {
  INTEGRATION_FLOWS,
  readSnippet,
  SNIPPET_LANGUAGES,
  type IntegrationFlow,
} from '../api/openapi/integration-snippets';
import {
  readWalkthroughStep,
  WALKTHROUGH_STEPS,
  type WalkthroughStep,
} from '../api/openapi/integration-walkthrough';

const DOCS_DIR = path.resolve(__dirname, '../docs');

/** A generated documentation file: where it lives and what it must contain. */
export interface GeneratedDoc {
  file: string;
  render: (current: string) => string;
}

/** Every generated file of docs/. */
export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  { file: path.join(DOCS_DIR, 'integration-guide.md'), render: fillGuideBlocks },
  { file: path.join(DOCS_DIR, 'capability-map.md'), render: () => renderCapabilityMap(CAPABILITIES) },
];

/**
 * Fills the generated blocks of the integration guide: the snippets of each integration flow
 * (`<!-- snippets:<flow> -->`) and the walk-through's steps (`<!-- walkthrough:<step> -->`).
 */
export function fillGuideBlocks(guide: string): string {
  const withSnippets = fillMarkedBlocks(guide, 'snippets', INTEGRATION_FLOWS, renderSnippets);
  return fillMarkedBlocks(withSnippets, 'walkthrough', WALKTHROUGH_STEPS, renderWalkthroughStep);
}

/**
 * Replaces what stands between `<!-- <kind>:<id> -->` and `<!-- /<kind>:<id> -->` with
 * `render(item)`, for every item.
 * @throws Error when an item has no markers in the guide, or markers name an unknown item.
 */
function fillMarkedBlocks<T extends { id: string }>(
  guide: string,
  kind: string,
  items: readonly T[],
  render: (item: T) => string,
): string {
  const known = new Set(items.map((item) => item.id));
  for (const match of guide.matchAll(new RegExp(`<!-- ${kind}:([\\w-]+) -->`, 'g'))) {
    if (!known.has(match[1])) throw new Error(`integration guide: unknown ${kind} block "${match[1]}"`);
  }
  return items.reduce((text, item) => {
    const block = new RegExp(`(<!-- ${kind}:${item.id} -->)[\\s\\S]*?(<!-- /${kind}:${item.id} -->)`);
    if (!block.test(text)) throw new Error(`integration guide: no <!-- ${kind}:${item.id} --> block`);
    return text.replace(
      block,
      (_all, open: string, close: string) => `${open}\n\n${render(item)}\n\n${close}`,
    );
  }, guide);
}

function renderSnippets(flow: IntegrationFlow): string {
  return SNIPPET_LANGUAGES.map(
    (language) => `**${language.label}**\n\n\`\`\`${language.fence}\n${readSnippet(flow, language)}\n\`\`\``,
  ).join('\n\n');
}

function renderWalkthroughStep(step: WalkthroughStep): string {
  return `\`\`\`sh\n${readWalkthroughStep(step)}\n\`\`\``;
}

/**
 * What a generated file must contain: rendered from its sources, then formatted as `npm run lint`
 * expects (prettier formats Markdown tables and the embedded JavaScript, as in the snippet files).
 */
export async function renderDoc(doc: GeneratedDoc, current: string): Promise<string> {
  const options = await resolveConfig(doc.file);
  return await format(doc.render(current), { ...options, filepath: doc.file });
}

/** The generated files whose content differs from what their sources produce. */
export async function findOutdatedDocs(): Promise<string[]> {
  const outdated: string[] = [];
  for (const doc of GENERATED_DOCS) {
    const current = readCurrent(doc.file);
    if ((await renderDoc(doc, current)) !== current) outdated.push(path.relative(process.cwd(), doc.file));
  }
  return outdated;
}

function readCurrent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const outdated = await findOutdatedDocs();
    if (outdated.length > 0) {
      console.error(`Out of date (run npm run docs:build): ${outdated.join(', ')}`);
      process.exit(1);
    }
    return;
  }
  for (const doc of GENERATED_DOCS) {
    const current = readCurrent(doc.file);
    const next = await renderDoc(doc, current);
    if (next !== current) {
      writeFileSync(doc.file, next);
      console.log(`wrote ${path.relative(process.cwd(), doc.file)}`);
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
