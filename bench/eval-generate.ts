/**
 * `npm run eval:generate`: runs the flow generator's model call, validation and repair turns (the same
 * code as generateFlowWorkflow, without Temporal) on realistic prompts against the configured model,
 * and reports validity rate, repair turns and latency to bench/results/eval-generate.{json,md}.
 * Without OPENAI_API_KEY it says so and exits 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { callFlowModel } from '../activities/flow-generation/call-flow-model';
import { MIN_FLOW_MODEL_TIMEOUT_MS } from '../activities/flow-generation';
import { validateGeneratedFlow } from '../activities/flow-generation/validate-generated-flow';
import { loadConfig } from '../platform/config';
import { MAX_REPAIR_TURNS, type RepairTurn } from '../workflows/generate-flow-definitions';

const PROMPTS = [
  'Create a customer support flow for a pizza restaurant: order status, opening hours, menu, talk to staff.',
  'Appointment booking for a hair salon: pick a service, ask for the preferred day and time, confirm, and remind.',
  'Qualify B2B leads for a SaaS CRM: company size, budget, timeline; hot leads go to a sales rep.',
  'Order status for an online shop: ask for the order number, look it up via GET https://api.example-shop.com/orders/{{order_number}}, tell the status.',
  'A dentist clinic: new patient registration (name, email, phone), then offer the first free check-up.',
  'Restaurant table reservation: number of guests, date, time, special requests; confirm at the end.',
  'Customer satisfaction survey after a delivery: rate 1 to 5, ask why for low scores, thank the customer.',
  'A gym: answer questions about memberships with an AI assistant, hand over to a human when asked.',
  'Real estate agency: ask whether the customer wants to buy or rent, the budget and the area, then hand over to an agent.',
  'Event registration for a webinar: ask name and email, confirm, and send the link as a message.',
  'Insurance claim intake: type of claim (car, home, travel), date of incident, short description, and a photo request.',
  'A language school: detect whether the customer wants prices, schedules or a trial lesson using AI routing.',
];

interface CaseResult {
  prompt: string;
  valid: boolean;
  repairTurns: number;
  latencyMs: number;
  nodeCount?: number;
  error?: string;
  lastProblems?: string[];
}

async function runCase(client: OpenAI, model: string, prompt: string): Promise<CaseResult> {
  const started = Date.now();
  const repairs: RepairTurn[] = [];
  try {
    for (;;) {
      const answer = await callFlowModel(client, { model, prompt, repairs });
      const check = validateGeneratedFlow(answer);
      const latencyMs = Date.now() - started;
      if (check.valid)
        return {
          prompt,
          valid: true,
          repairTurns: repairs.length,
          latencyMs,
          nodeCount: check.flow.nodeCount,
        };
      if (repairs.length >= MAX_REPAIR_TURNS) {
        return { prompt, valid: false, repairTurns: repairs.length, latencyMs, lastProblems: check.problems };
      }
      repairs.push({ answer, problems: check.problems });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      prompt,
      valid: false,
      repairTurns: repairs.length,
      latencyMs: Date.now() - started,
      error: message,
    };
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.openai.apiKey) {
    console.log(
      'eval:generate skipped: OPENAI_API_KEY is not set (set it, and OPENAI_BASE_URL / OPENAI_MODEL as needed).',
    );
    return;
  }
  const client = new OpenAI({
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseUrl,
    timeout: Math.max(config.openai.timeoutMs, MIN_FLOW_MODEL_TIMEOUT_MS),
    maxRetries: 2,
  });
  const results: CaseResult[] = [];
  for (const prompt of PROMPTS) {
    const result = await runCase(client, config.openai.model, prompt);
    console.log(
      `${result.valid ? 'valid  ' : 'INVALID'} repairs=${result.repairTurns} ${result.latencyMs} ms  ${prompt.slice(0, 60)}`,
    );
    results.push(result);
  }
  const valid = results.filter((result) => result.valid);
  const latencies = results.map((result) => result.latencyMs);
  const summary = {
    model: config.openai.model,
    baseUrl: config.openai.baseUrl,
    at: new Date().toISOString(),
    cases: results.length,
    validityRate: valid.length / results.length,
    validFirstTry: valid.filter((result) => result.repairTurns === 0).length,
    meanRepairTurns: results.reduce((sum, result) => sum + result.repairTurns, 0) / results.length,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      max: Math.max(...latencies),
    },
    results,
  };
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'eval-generate.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const rows = results.map(
    (r) =>
      `| ${r.prompt.slice(0, 70).replace(/\|/g, '/')} | ${r.valid ? 'yes' : 'no'} | ${r.repairTurns} | ${r.latencyMs} | ${r.nodeCount ?? ''} | ${(r.error ?? r.lastProblems?.[0] ?? '').slice(0, 80).replace(/\|/g, '/')} |`,
  );
  fs.writeFileSync(
    path.join(dir, 'eval-generate.md'),
    `# Flow generator evaluation\n\nModel \`${summary.model}\` at ${summary.baseUrl}, ${summary.at}.\n\n` +
      `Valid: ${valid.length}/${results.length} (${Math.round(summary.validityRate * 100)} %), ${summary.validFirstTry} on the first answer; ` +
      `mean repair turns ${summary.meanRepairTurns.toFixed(2)}; latency p50 ${summary.latencyMs.p50} ms, p90 ${summary.latencyMs.p90} ms, max ${summary.latencyMs.max} ms.\n\n` +
      `| prompt | valid | repairs | ms | nodes | problem |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
  );
  console.log(`validity ${valid.length}/${results.length}; results in bench/results/eval-generate.{json,md}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
