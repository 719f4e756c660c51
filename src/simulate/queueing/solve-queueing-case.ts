import { InputError, type InputIssue } from '../../model/index.js';
import { IssueList } from './issue-list.js';
import { solveClosedNetwork } from './solve-closed-network.js';
import { solveMmc } from './solve-mmc.js';
import { solveOpenNetwork } from './solve-open-network.js';

/** The answer to a case, with exactly the fields of the shared fixture's `expected`. */
export type QueueingCaseResult = MmcCaseResult | OpenCaseResult | ClosedCaseResult;

export interface MmcCaseResult {
  utilization: number;
  p_wait: number;
  mean_wait: number;
  mean_response: number;
  p99_response: number;
}

export interface OpenCaseResult {
  arrival_rate: number[];
  utilization: number[];
  mean_response: number[];
  network_mean_response: number;
}

export interface ClosedCaseResult {
  throughput: number;
  response_time: number;
  utilization: number[];
  queue_length: number[];
}

const INPUT_FIELDS: Record<string, readonly string[]> = {
  mmc: ['arrival_rate', 'service_rate', 'servers'],
  open: ['external_arrival_rate', 'routing', 'service_rate', 'servers'],
  closed: ['service_demand', 'think_time', 'population', 'servers'],
};

/**
 * Solves one case `{ kind: 'mmc' | 'open' | 'closed', input: { …snake_case… } }`. Bad input
 * throws InputError whose issues name fields as they are written in the case (`input.servers`).
 */
export function solveQueueingCase(caseJson: unknown): QueueingCaseResult {
  const { kind, input } = checkCase(caseJson);
  try {
    if (kind === 'mmc') return solveMmcCase(input);
    if (kind === 'open') return solveOpenCase(input);
    return solveClosedCase(input);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      `invalid ${kind} case: ${error.message}`,
      error.issues.map((issue) => ({ ...issue, field: `input.${caseField(kind, issue.field)}` })),
    );
  }
}

/**
 * Solves a file's content: one case, or `{ cases: [...] }` (other top-level keys, such as
 * `units`, are ignored). Issues of the n-th case are prefixed `cases[n].`.
 */
export function solveQueueingCases(fileJson: unknown): QueueingCaseResult | QueueingCaseResult[] {
  if (!isRecord(fileJson) || !('cases' in fileJson)) return solveQueueingCase(fileJson);
  const { cases } = fileJson;
  if (!Array.isArray(cases))
    throw new InputError('invalid cases file', [{ field: 'cases', message: 'must be an array' }]);
  const issues: InputIssue[] = [];
  const results = cases.map((one, index) => {
    try {
      return solveQueueingCase(one);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(
        ...error.issues.map((issue) => ({ ...issue, field: prefixed(`cases[${index}]`, issue.field) })),
      );
      return undefined;
    }
  });
  if (issues.length > 0) throw new InputError('invalid cases file', issues);
  return results as QueueingCaseResult[];
}

function solveMmcCase(input: Record<string, unknown>): MmcCaseResult {
  const result = solveMmc({
    arrivalRate: input.arrival_rate as number,
    serviceRate: input.service_rate as number,
    servers: input.servers as number,
  });
  return {
    utilization: result.utilization,
    p_wait: result.pWait,
    mean_wait: result.meanWait,
    mean_response: result.meanResponse,
    p99_response: result.p99Response,
  };
}

function solveOpenCase(input: Record<string, unknown>): OpenCaseResult {
  const result = solveOpenNetwork({
    externalArrivalRate: input.external_arrival_rate as number[],
    routing: input.routing as number[][],
    serviceRate: input.service_rate as number[],
    servers: input.servers as number[],
  });
  return {
    arrival_rate: result.stations.map((station) => station.arrivalRate),
    utilization: result.stations.map((station) => station.utilization),
    mean_response: result.stations.map((station) => station.meanResponse),
    network_mean_response: result.networkMeanResponse,
  };
}

function solveClosedCase(input: Record<string, unknown>): ClosedCaseResult {
  const demands = input.service_demand;
  const servers = input.servers;
  const issues = new IssueList();
  if (issues.array(demands, 'service_demand') && servers !== undefined)
    issues.array(servers, 'servers', demands.length);
  issues.throwIfAny('invalid closed network');
  const result = solveClosedNetwork({
    stations: (demands as number[]).map((serviceTime, k) => ({
      serviceTime,
      servers: (servers as Array<number | 'delay'> | undefined)?.[k] ?? 1,
    })),
    thinkTime: (input.think_time ?? 0) as number,
    population: input.population as number,
  });
  return {
    throughput: result.throughput,
    response_time: result.responseTime,
    utilization: result.stations.map((station) => station.utilization),
    queue_length: result.stations.map((station) => station.queueLength),
  };
}

function checkCase(caseJson: unknown): { kind: string; input: Record<string, unknown> } {
  const issues = new IssueList();
  if (!isRecord(caseJson)) {
    issues.add('case', 'must be an object { kind, input }');
    issues.throwIfAny('invalid queueing case');
  }
  const { kind, input } = caseJson as Record<string, unknown>;
  const fields = typeof kind === 'string' ? INPUT_FIELDS[kind] : undefined;
  if (!fields)
    issues.add(
      'kind',
      `must be one of ${Object.keys(INPUT_FIELDS)
        .map((k) => `'${k}'`)
        .join(', ')}`,
    );
  if (!isRecord(input)) issues.add('input', 'must be an object');
  else if (fields)
    for (const key of Object.keys(input))
      if (!fields.includes(key)) issues.add(`input.${key}`, `unknown field (expected ${fields.join(', ')})`);
  issues.throwIfAny('invalid queueing case');
  return { kind: kind as string, input: input as Record<string, unknown> };
}

/** The solvers name fields in camelCase after their own inputs; the case writes them in snake_case. */
function caseField(kind: string, field: string | undefined): string {
  if (field === undefined) return '';
  const closed = kind === 'closed' ? closedField(field) : field;
  return closed.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function closedField(field: string): string {
  return field
    .replace(/^stations\[(\d+)\]\.serviceTime/, 'service_demand[$1]')
    .replace(/^stations\[(\d+)\]\.servers/, 'servers[$1]')
    .replace(/^stations\b/, 'service_demand');
}

function prefixed(prefix: string, field: string | undefined): string {
  return field ? `${prefix}.${field}` : prefix;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
