import { parseArgs } from 'node:util';
import { openDatabase } from '../entities/open-database';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { connectWhatsapp } from './commands/connect-whatsapp';
import { createUser } from './commands/create-user';
import { UsageError } from './commands/usage-error';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-user --username <name> --password <password> [--admin] [--display-name <name>]
              [--email <email>] [--approve-api]
      Create a user (or an admin with --admin). --approve-api allows API access at once.
  connect-whatsapp --username <name> --phone-number-id <id> --display-phone <+E.164>
                   --access-token <token>
      Connect a WhatsApp Business phone number to a user (the token is stored encrypted).
  help
      Show this text.

Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR when it is unset.`;

const COMMANDS = {
  'create-user': {
    username: { type: 'string' },
    password: { type: 'string' },
    admin: { type: 'boolean' },
    'display-name': { type: 'string' },
    email: { type: 'string' },
    'approve-api': { type: 'boolean' },
  },
  'connect-whatsapp': {
    username: { type: 'string' },
    'phone-number-id': { type: 'string' },
    'display-phone': { type: 'string' },
    'access-token': { type: 'string' },
  },
} as const;

type CommandName = keyof typeof COMMANDS;

function parseCommand(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name) throw new UsageError('no command given');
  if (!(name in COMMANDS)) throw new UsageError(`unknown command "${name}"`);
  const command = name as CommandName;
  try {
    const { values } = parseArgs({
      args: rest,
      options: COMMANDS[command],
      strict: true,
      allowPositionals: false,
    });
    return { command, values: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function requireString(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    console.log(USAGE);
    return;
  }
  let parsed;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    failWithUsage(error);
  }
  const { command, values } = parsed;
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase(config, logger);
  let usageError: UsageError | undefined;
  try {
    if (command === 'create-user') {
      const user = await createUser(database.dataSource, {
        username: requireString(values, 'username'),
        password: requireString(values, 'password'),
        admin: values.admin === true,
        displayName: values['display-name'] as string | undefined,
        email: values.email as string | undefined,
        approveApi: values['approve-api'] === true,
      });
      console.log(`Created ${user.role} ${user.username} (${user.id})`);
    } else {
      const account = await connectWhatsapp(database.dataSource, config.dataEncryptionKey, {
        username: requireString(values, 'username'),
        phoneNumberId: requireString(values, 'phone-number-id'),
        displayPhone: requireString(values, 'display-phone'),
        accessToken: requireString(values, 'access-token'),
      });
      console.log(`Connected ${account.displayPhoneNumber} (phone number id ${account.phoneNumberId})`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    usageError = error;
  } finally {
    await database.close();
  }
  if (usageError) failWithUsage(usageError);
}

function failWithUsage(error: unknown): never {
  console.error(`cli: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

runMain('cli', () => main(process.argv.slice(2)));
