// Stand-in for jsr:@std/cli/parse-args. The runtime is started as
// `main.ts --subprocess <appId> --spawnId <n> [--metricsReportFrequencyInMs <ms>]`:
// every flag takes one value, and numeric values are numbers (as @std/cli gives them).
export function parseArgs(args: string[]): Record<string, string | number | boolean> {
    const parsed: Record<string, string | number | boolean> = {};
    for (let i = 0; i < args.length; i++) {
        const flag = /^--?([^=]+)(?:=(.*))?$/.exec(args[i]);
        if (!flag) continue;
        const [, name, inline] = flag;
        const next = args[i + 1];
        const value = inline ?? (next !== undefined && !next.startsWith('-') ? (i++, next) : true);
        parsed[name] = typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value)) ? Number(value) : value;
    }
    return parsed;
}
