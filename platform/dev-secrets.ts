import fs from 'node:fs';
import path from 'node:path';
import { generateEncryptionKey, generateToken } from './secrets';

/** The secrets that development may generate instead of requiring them. */
export type DevSecretName = 'jwtSecret' | 'dataEncryptionKey' | 'whatsappAppSecret' | 'whatsappVerifyToken';

/** File under DATA_DIR that keeps generated development secrets between runs. */
export const DEV_SECRETS_FILE = 'dev-secrets.json';

const generators: Record<DevSecretName, () => string> = {
  jwtSecret: () => generateToken(48),
  dataEncryptionKey: generateEncryptionKey,
  whatsappAppSecret: () => generateToken(24),
  whatsappVerifyToken: () => generateToken(24),
};

/**
 * Returns every development secret: the given value when set, otherwise the one kept in
 * `dataDir/dev-secrets.json`, otherwise a new one that is then written there (mode 0600).
 * Generated values must be stable across restarts: data encrypted with DATA_ENCRYPTION_KEY and
 * sessions signed with JWT_SECRET would otherwise be lost on every start.
 */
export function loadDevSecrets(
  dataDir: string,
  given: Partial<Record<DevSecretName, string>>,
): Record<DevSecretName, string> {
  const names = Object.keys(generators) as DevSecretName[];
  if (names.every((name) => given[name] !== undefined)) return given as Record<DevSecretName, string>;

  const file = path.join(dataDir, DEV_SECRETS_FILE);
  const stored = readStoredSecrets(file);
  let changed = false;
  const result = {} as Record<DevSecretName, string>;
  for (const name of names) {
    const value = given[name] ?? stored[name];
    if (value !== undefined) {
      result[name] = value;
    } else {
      result[name] = stored[name] = generators[name]();
      changed = true;
    }
  }
  if (changed) writeStoredSecrets(file, stored);
  return result;
}

function readStoredSecrets(file: string): Partial<Record<DevSecretName, string>> {
  if (!fs.existsSync(file)) return {};
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null
    ? (parsed as Partial<Record<DevSecretName, string>>)
    : {};
}

function writeStoredSecrets(file: string, secrets: Partial<Record<DevSecretName, string>>): void {
  // 0755 rather than 0700: as root, the embedded PostgreSQL runs as `postgres` and must traverse DATA_DIR.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  fs.chmodSync(file, 0o600);
}
