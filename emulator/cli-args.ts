import type { EmulatorOptions } from './index';

/** Flags that take a value; every other `--flag` is treated as boolean unless written `--flag=value`. */
const VALUE_FLAGS = new Set([
  '--port',
  '--namespace',
  '-n',
  '--ip',
  '--db-filename',
  '-f',
  '--log-format',
  '--log-level',
  '--dynamic-config-value',
  '--ui-port',
  '--ui-ip',
  '--search-attribute',
  '--metrics-port',
  '--http-port',
  '--config',
  '--log-config',
  '--sqlite-pragma',
]);

/**
 * Parses what `TestWorkflowEnvironment` passes to an `existing-path` server executable:
 * - dev server: `server start-dev --port N --namespace NS --ip IP [--db-filename F] ...` (real time);
 * - time-skipping test server: `<port> [extra args]`.
 * `--time-skipping` forces the virtual clock on in either form. Unknown flags are ignored.
 */
export function parseCliArgs(argv: string[]): EmulatorOptions {
  const out: EmulatorOptions & { searchAttributes: [string, string][] } = { searchAttributes: [] };
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (VALUE_FLAGS.has(flag)) value = argv[++i];
    switch (flag) {
      case '--port':
        out.port = Number(value);
        break;
      case '--namespace':
      case '-n':
        out.namespace ??= value;
        break;
      case '--ip':
        out.host = value;
        break;
      case '--db-filename':
      case '-f':
        out.dbFilename = value;
        break;
      case '--time-skipping':
        out.timeSkipping = true;
        break;
      case '--search-attribute': {
        const [name, type] = String(value).split('=');
        out.searchAttributes.push([name, type ?? 'Keyword']);
        break;
      }
      default:
        break;
    }
  }
  if (positionals[0] !== 'server' && positionals.length > 0 && /^\d+$/.test(positionals[0])) {
    // The Java test server's calling convention: the port is the only positional argument.
    out.port = Number(positionals[0]);
    out.timeSkipping = true;
  }
  return out;
}
