import fs from 'node:fs';
import path from 'node:path';

/** Shortest password accepted wherever one is set. */
export const MIN_PASSWORD_LENGTH = 8;

/** Runs of neighbours: the alphabet, digits (wrapping: 7890123), and the keyboard's letter rows. */
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890123456789', 'qwertyuiop', 'asdfghjkl'];
const ALL_RUNS = [...RUNS, ...RUNS.map((run) => [...run].reverse().join(''))];

/** Longest block whose repetition counts as trivial (abababab, abcabcab, passpass). */
const MAX_REPEATED_BLOCK = 4;

let commonPasswords: Set<string> | undefined;

/** platform/common-passwords.txt, lower-cased; read once, on first use. */
function readCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    fs
      .readFileSync(path.join(__dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/**
 * Why `password` may not be set for the user `username`, as a phrase that follows the field's name
 * ("password must not be …"), or undefined when it may. Refused: shorter than
 * {@link MIN_PASSWORD_LENGTH}; the username itself; one character or a block of up to four
 * repeated; a run of consecutive letters, digits or keys (12345678, hgfedcba, qwertyui); one of the
 * common passwords of platform/common-passwords.txt. Letter case is ignored throughout.
 */
export function findPasswordProblem(password: string, username: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) return 'must not be the username';
  const block = shortestRepeatedBlock(lower);
  if (block === 1) return 'must not be one character repeated';
  if (block <= MAX_REPEATED_BLOCK) return 'must not be a short block repeated, such as abcabcab';
  if (ALL_RUNS.some((run) => run.includes(lower))) {
    return 'must not be a run of consecutive letters, digits or keys, such as 12345678, abcdefgh or qwertyui';
  }
  if (readCommonPasswords().has(lower))
    return 'is one of the most common passwords; choose one less easy to guess';
  return undefined;
}

/** Length of the shortest block that `text` repeats (a trailing partial block allowed). */
function shortestRepeatedBlock(text: string): number {
  for (let size = 1; size < text.length; size++) {
    if (text.slice(size) === text.slice(0, text.length - size)) return size;
  }
  return text.length;
}
