/** The `--name=value` flags of a benchmark script's command line. */

/** The value of `--name=…`, or undefined when the flag is absent. */
export function readFlag(name: string, argv: readonly string[] = process.argv): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}
