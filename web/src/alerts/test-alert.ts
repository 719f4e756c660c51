import type { Alert } from '../contract';

/** An open warning about `rack:a` for tests, with the fields a test cares about set over it. */
export function testAlert(id: string, fields: Partial<Alert> = {}): Alert {
  return {
    id,
    key: id,
    kind: 'overheating',
    source: 'risk',
    entityId: 'rack:a',
    entities: ['rack:a'],
    severity: 'warning',
    status: 'open',
    summary: id,
    confidence: 1,
    evidence: {},
    firstSeenMs: 0,
    lastSeenMs: 0,
    occurrences: 1,
    ...fields,
  };
}
