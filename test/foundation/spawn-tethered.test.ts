/**
 * A tethered server (platform/spawn-tethered.ts) runs in a process group of its own, and stops when
 * the process that started it dies without stopping it — even by SIGKILL — instead of holding its
 * ports and data folder. `sleep` stands in for the server; a small node process starts it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, it } from 'node:test';
import { REPO_ROOT, sleep } from '../support/child-service';
import { isRunning, listProcesses, readProcess, signalQuietly } from '../support/process-table';
import { waitUntil } from '../support/stack-driver';

const STARTER = `
const { spawnTethered } = require('./platform/spawn-tethered.ts');
const server = spawnTethered('sleep', ['600'], { orphanSignal: 'SIGTERM', output: ['ignore', 'ignore'] });
console.log(server.pid);
setInterval(() => undefined, 1000);
`;

const started: number[] = [];
after(() => started.forEach((pid) => signalQuietly(pid, 'SIGKILL')));

it('stops the server when its starter is SIGKILLed, and keeps it out of the starter group', async () => {
  const starter = spawn(process.execPath, ['--import', 'tsx', '-e', STARTER], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(-(starter.pid as number));
  const serverPid = Number(await new Promise<string>((resolve) => starter.stdout.once('data', resolve)));
  started.push(serverPid);
  assert.ok(isRunning(serverPid), 'the server runs');
  assert.notEqual(readProcess(serverPid)?.pgid, starter.pid, 'the server is not in the starter group');

  process.kill(-(starter.pid as number), 'SIGKILL');
  assert.ok(await waitUntil(() => !isRunning(serverPid), 5_000), 'the server stopped with its starter');
});

it('leaves nothing behind when the server exits by itself', async () => {
  const starter = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', STARTER.replace("'600'", "'0.2'").replace('setInterval', 'setTimeout')],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(starter.pid as number);
  const serverPid = Number(await new Promise<string>((resolve) => starter.stdout.once('data', resolve)));
  await sleep(300);
  // The watcher shared the server's group; once the server is gone the group must be empty.
  assert.ok(await waitUntil(() => !groupHasMembers(serverPid), 5_000), 'the server and its watcher are gone');
});

function groupHasMembers(pgid: number): boolean {
  return listProcesses().some((entry) => entry.pgid === pgid && entry.state !== 'Z');
}
