import Table from 'cli-table3';

/** Prints JSON for scripts (`--json`) or a readable table for people. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(head: string[], rows: Array<Array<string | number | undefined>>): void {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(row.map((cell) => (cell === undefined ? '' : String(cell))));
  process.stdout.write(`${table.toString()}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** 0.8734 → `87.3 %`; watts → `1.2 kW`: the units engineers read at a glance. */
export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? '' : `${(ratio * 100).toFixed(1)} %`;
}

export function formatWatts(watts: number | undefined): string {
  if (watts === undefined) return '';
  return watts >= 1_000 ? `${(watts / 1_000).toFixed(1)} kW` : `${Math.round(watts)} W`;
}

export function formatTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
