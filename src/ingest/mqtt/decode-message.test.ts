import { describe, expect, it } from 'vitest';
import { compileTopicRules, decodeMqttMessage, type MqttTopicRule, maxPayloadBytes } from './index.js';

const now = 1_764_000_123_456;

const rackRule: MqttTopicRule = {
  topic: '{site}/{room}/{rack}/{metric}',
  entity: 'rack:{site}/{room}/{rack}',
  metric: '{metric}',
  timestampPath: 'ts',
  labels: { source: 'bms' },
};
const envRule: MqttTopicRule = {
  topic: 'env/{site}/{sensor}',
  entity: 'sensor:{site}/{sensor}',
  metric: 'env_{field}',
  timestampPath: 'ts',
};

function decode(topic: string, payload: string | Buffer, rules: MqttTopicRule[] = [rackRule]) {
  return decodeMqttMessage(compileTopicRules(rules), topic, Buffer.from(payload), now);
}

describe('decodeMqttMessage', () => {
  it('reads a bare number, stamped with the receive time', () => {
    const result = decode('dc1/room-a/rack-12/inlet_temp', '24.5');
    expect(result).toEqual({
      rule: 0,
      entityId: 'rack:dc1/room-a/rack-12',
      issues: [],
      samples: [
        {
          name: 'inlet_temp',
          value: 24.5,
          ts: now,
          labels: {
            source: 'bms',
            __entity: 'rack:dc1/room-a/rack-12',
            topic: 'dc1/room-a/rack-12/inlet_temp',
          },
        },
      ],
    });
  });

  it.each([
    ['epoch ms', 1_764_000_000_000, 1_764_000_000_000],
    ['epoch s', 1_764_000_000, 1_764_000_000_000],
    ['fractional epoch s', 1_764_000_000.25, 1_764_000_000_250],
    ['ISO 8601 UTC', '2025-11-24T16:00:00Z', Date.UTC(2025, 10, 24, 16)],
    ['ISO 8601 with offset', '2025-11-24T17:00:00.5+01:00', Date.UTC(2025, 10, 24, 16, 0, 0, 500)],
  ])('reads the value and a timestamp in %s', (_, ts, expected) => {
    const [sample] = decode('dc1/a/r1/power', JSON.stringify({ value: 3.5, ts })).samples;
    expect(sample).toMatchObject({ name: 'power', value: 3.5, ts: expected });
  });

  it('uses the receive time when the payload has no timestamp field', () => {
    expect(decode('dc1/a/r1/power', '{"value": 3}').samples[0]?.ts).toBe(now);
  });

  it.each([
    ['a local time', '"2025-11-24T16:00:00"', /add Z or an offset/],
    ['nanoseconds', '1764000000000000000', /out of range/],
    ['a day that does not exist', '"2025-02-30T10:00:00Z"', /not an ISO 8601/],
    ['a boolean', 'true', /a boolean/],
  ])('reports a timestamp that is %s', (_, ts, message) => {
    const result = decode('dc1/a/r1/power', `{"value": 1, "ts": ${ts}}`);
    expect(result.samples).toEqual([]);
    expect(result.issues).toEqual([
      { kind: 'timestamp', field: 'ts', message: expect.stringMatching(message) },
    ]);
  });

  it('reads the value at a dotted path, through arrays', () => {
    const rules = [{ ...rackRule, valuePath: 'data.readings.1' }];
    const result = decode('dc1/a/r1/t', '{"data": {"readings": [1, 2.5]}}', rules);
    expect(result.samples.map((sample) => sample.value)).toEqual([2.5]);
  });

  it('makes one sample per numeric field when the metric names {field}', () => {
    const result = decode(
      'env/dc1/s7',
      '{"temperature": 24.5, "humidity": 41, "unit": "C", "nested": {"x": 1}, "ts": 1764000000}',
      [envRule],
    );
    expect(result.issues).toEqual([]);
    expect(result.samples.map(({ name, value, ts }) => ({ name, value, ts }))).toEqual([
      { name: 'env_temperature', value: 24.5, ts: 1_764_000_000_000 },
      { name: 'env_humidity', value: 41, ts: 1_764_000_000_000 },
    ]);
    expect(result.samples[0]?.labels).toEqual({
      __entity: 'sensor:dc1/s7',
      topic: 'env/dc1/s7',
    });
  });

  it('reads the fields of a nested object given by valuePath, leaving out the timestamp', () => {
    const rules = [{ ...envRule, valuePath: 'data', timestampPath: 'data.at' }];
    const result = decode('env/dc1/s7', '{"data": {"co2": 400, "at": 1764000000000}}', rules);
    expect(result.samples.map(({ name, ts }) => ({ name, ts }))).toEqual([
      { name: 'env_co2', ts: 1_764_000_000_000 },
    ]);
  });

  it('reports a per-field payload without fields', () => {
    expect(decode('env/dc1/s7', '24.5', [envRule]).issues).toEqual([
      { kind: 'value', message: expect.stringMatching(/payload is a number.*must be an object/) },
    ]);
    expect(decode('env/dc1/s7', '{"unit": "C"}', [envRule]).issues).toEqual([
      { kind: 'value', message: 'the payload has no numeric field' },
    ]);
  });

  it('reports malformed JSON with its position', () => {
    const result = decode('dc1/a/r1/t', '{"value": 24.5,\n  "ts": ,}');
    expect(result.samples).toEqual([]);
    expect(result.issues).toEqual([
      {
        kind: 'json',
        line: 2,
        column: 9,
        message: expect.stringMatching(/not JSON: expected a value, found ','/),
      },
    ]);
    expect(decode('dc1/a/r1/t', 'on').issues[0]).toMatchObject({ kind: 'json', line: 1, column: 1 });
  });

  it('reports a value that is not a number, naming its path', () => {
    expect(decode('dc1/a/r1/t', '{"value": "hot"}').issues).toEqual([
      { kind: 'value', field: 'value', message: `the value at 'value' is a string ("hot"), not a number` },
    ]);
    expect(decode('dc1/a/r1/t', '{"temp": 1}').issues).toEqual([
      { kind: 'value', field: 'value', message: `the value at 'value' is missing, not a number` },
    ]);
    expect(decode('dc1/a/r1/t', '"24.5"').issues).toEqual([
      { kind: 'value', message: `the payload is a string ("24.5"), not a number or an object with 'value'` },
    ]);
    expect(decode('dc1/a/r1/t', '1e999').issues[0]?.message).toMatch(/too large/);
  });

  it('reports a topic no rule matches', () => {
    expect(decode('dc1/a/r1', '1')).toEqual({
      samples: [],
      issues: [{ kind: 'no-rule', message: "no rule matches topic 'dc1/a/r1'" }],
    });
  });

  it('lets the first matching rule win', () => {
    const special: MqttTopicRule = { topic: 'dc1/+/+/pdu_power', entity: 'pdu:dc1', metric: 'power' };
    const result = decode('dc1/a/r1/pdu_power', '7', [special, rackRule]);
    expect(result).toMatchObject({ rule: 0, entityId: 'pdu:dc1', samples: [{ name: 'power' }] });
    expect(decode('dc1/a/r1/other', '7', [special, rackRule]).rule).toBe(1);
  });

  it('reports a topic that gives an invalid entity id', () => {
    const result = decode('dc1/room a/r1/t', '1');
    expect(result.entityId).toBeUndefined();
    expect(result.issues).toEqual([
      { kind: 'entity', message: expect.stringMatching(/'rack:dc1\/room a\/r1'/) },
    ]);
  });

  it('reports an empty metric name', () => {
    expect(decode('dc1/a/r1/', '1').issues).toEqual([
      { kind: 'metric', message: expect.stringMatching(/empty name/) },
    ]);
  });

  it('reports empty, oversized and non-UTF-8 payloads', () => {
    expect(decode('dc1/a/r1/t', '').issues[0]).toMatchObject({
      kind: 'payload',
      message: expect.stringMatching(/empty/),
    });
    expect(decode('dc1/a/r1/t', Buffer.alloc(maxPayloadBytes + 1, 0x20)).issues[0]).toMatchObject({
      kind: 'payload',
      message: expect.stringMatching(/limit/),
    });
    expect(decode('dc1/a/r1/t', Buffer.from([0x31, 0xff])).issues[0]).toMatchObject({
      kind: 'payload',
      message: expect.stringMatching(/UTF-8/),
    });
  });

  it('gives every sample its own labels object', () => {
    const [a, b] = decode('env/dc1/s7', '{"x": 1, "y": 2}', [envRule]).samples;
    expect(a?.labels).not.toBe(b?.labels);
  });
});
