import type { PortRange } from './nmap-scan.js';

const rangePattern = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** Nmap's port list as `<scaninfo services>` writes it: `1,3-4,6-7,9`. Undefined when malformed. */
export function parsePortRanges(text: string): PortRange[] | undefined {
  const ranges: PortRange[] = [];
  for (const part of text.split(',')) {
    const match = rangePattern.exec(part.trim());
    if (!match) return undefined;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from || to > 65535) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

export function inPortRanges(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((range) => port >= range.from && port <= range.to);
}
