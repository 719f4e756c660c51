import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { lintRules, runLint } from './lint-registry.js';
import type { LintRule } from './lint-rule.js';
import { testView } from './test-twin.fixture.js';

const now = Date.parse('2026-06-01T00:00:00Z');

async function mistakes() {
  return testView([
    {
      id: 'host:a',
      kind: 'host',
      props: { ipAddresses: ['10.0.0.1'], certificateNotAfter: '2026-06-10T00:00:00Z' },
    },
    {
      id: 'host:b',
      kind: 'host',
      props: { ipAddresses: ['10.0.0.1'], certificateNotAfter: '2026-01-01T00:00:00Z' },
    },
    { id: 'switch:x', kind: 'switch', props: { role: 'tor', version: '1.0' } },
    { id: 'switch:y', kind: 'switch', props: { role: 'tor', version: '1.1' } },
  ]);
}

describe('runLint', () => {
  it('runs every rule and sorts by severity, then rule order, then entity', async () => {
    const findings = runLint(await mistakes(), { settings: { now } });
    expect(findings.map((finding) => [finding.severity, finding.rule, finding.entities[0]])).toEqual([
      ['error', 'duplicate-ip', 'host:a'],
      ['error', 'certificate-expiry', 'host:b'],
      ['warning', 'certificate-expiry', 'host:a'],
      ['info', 'version-drift', 'switch:x'],
    ]);
  });

  it('runs only the rules asked for and drops findings below the severity asked for', async () => {
    const view = await mistakes();
    expect(
      runLint(view, { rules: ['certificate-expiry'], settings: { now } }).map((f) => f.severity),
    ).toEqual(['error', 'warning']);
    expect(runLint(view, { minSeverity: 'warning', settings: { now } }).map((f) => f.rule)).toEqual([
      'duplicate-ip',
      'certificate-expiry',
      'certificate-expiry',
    ]);
    expect(runLint(view, { minSeverity: 'error', settings: { now } })).toHaveLength(2);
  });

  it('refuses an unknown rule by name, listing the known ones', async () => {
    const view = await mistakes();
    const error = (() => {
      try {
        runLint(view, { rules: ['duplicate-ip', 'typo-rule'] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain("'typo-rule'");
    expect((error as InputError).issues[0]?.message).toContain(lintRules.map((rule) => rule.name).join(', '));
  });

  it('turns a rule that throws into one error finding and runs the others', async () => {
    const broken: LintRule = {
      name: 'broken',
      description: 'throws',
      check() {
        throw new Error('boom');
      },
    };
    const findings = runLint(await mistakes(), { catalog: [broken, ...lintRules], settings: { now } });
    expect(findings[0]).toMatchObject({ rule: 'broken', severity: 'error', entities: [] });
    expect(findings[0]?.message).toContain('boom');
    expect(findings).toHaveLength(5);
  });

  it('has unique, kebab-case rule names', () => {
    const names = lintRules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
