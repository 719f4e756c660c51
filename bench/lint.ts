// Configuration lint (issue 4, part 4): how long every rule takes on a large generated estate. The
// generator writes no MTUs, VLANs, certificates or firewall rules, so the bench plants them (with
// a known number of mistakes) to make every rule do real work. No peer tool lints a twin like
// this, so there is nothing to run side by side.
// Usage: npm run bench -- lint [--hosts 10000] [--seed 1] [--runs 5]
import {
  type EntityInput,
  MemoryTwinStore,
  type Operation,
  type RelationInput,
  Twin,
} from '../src/model/index.js';
import { estateOperations, generateEstate } from '../src/plant/index.js';
import { defaultLintSettings, lintRules, runLint } from '../src/predict/index.js';
import { argValue, percentile, round, timed } from './bench-utils.js';

const hosts = Number(argValue('--hosts') ?? 10_000);
const seed = Number(argValue('--seed') ?? 1);
const runs = Number(argValue('--runs') ?? 5);
const firewallRuleCount = 200;
const now = Date.parse('2026-06-01T00:00:00Z');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A tiny deterministic generator, so planted mistakes are the same on every run. */
function lcg(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Planted {
  mtuMismatches: number;
  vlanMismatches: number;
  duplicateAddresses: number;
  expiredCertificates: number;
}

/** MTUs and VLANs on every link half, certificates, firewall rules, and mistakes in each. */
function plant(entities: EntityInput[], relations: RelationInput[]): Planted {
  const random = lcg(seed);
  const planted: Planted = {
    mtuMismatches: 0,
    vlanMismatches: 0,
    duplicateAddresses: 0,
    expiredCertificates: 0,
  };
  const linkHalves = new Map<string, RelationInput[]>();
  for (const relation of relations) {
    if (relation.type !== 'connects') continue;
    const link = [relation.from, relation.to].find((id) => id.startsWith('link:'));
    if (!link) continue;
    const halves = linkHalves.get(link) ?? [];
    halves.push(relation);
    linkHalves.set(link, halves);
    relation.props = { ...relation.props, mtu: 9216, taggedVlans: '100-120' };
  }
  for (const [, halves] of linkHalves) {
    const last = halves.at(-1);
    if (halves.length !== 2 || !last) continue;
    if (random() < 0.01) {
      last.props = { ...last.props, mtu: 1500 };
      planted.mtuMismatches++;
    }
    if (random() < 0.01) {
      last.props = { ...last.props, taggedVlans: '100-119' };
      planted.vlanMismatches++;
    }
  }
  const vms = entities.filter((entity) => entity.kind === 'vm');
  for (let index = 0; index + 1 < vms.length; index += 1_000) {
    const [from, to] = [vms[index], vms[index + 1]];
    const address = (from?.props?.ipAddresses as string[] | undefined)?.[0];
    if (!to || !address) continue;
    to.props = { ...to.props, ipAddresses: [address] };
    planted.duplicateAddresses++;
  }
  for (const entity of entities) {
    if (entity.kind !== 'load-balancer' && !(entity.kind === 'service' && random() < 0.2)) continue;
    const expired = random() < 0.1;
    if (expired) planted.expiredCertificates++;
    const days = expired ? -5 : 30 + Math.floor(random() * 300);
    entity.props = {
      ...entity.props,
      certificates: [
        { name: entity.name ?? entity.id, notAfter: new Date(now + days * 86_400_000).toISOString() },
      ],
    };
  }
  for (const entity of entities) {
    if (entity.kind === 'firewall') entity.props = { ...entity.props, firewallRules: firewallRules(random) };
  }
  return planted;
}

function firewallRules(random: () => number): Array<Record<string, string | number>> {
  return Array.from({ length: firewallRuleCount }, (_, index) => {
    const v6 = random() < 0.2;
    const prefix = v6 ? 32 + Math.floor(random() * 64) : 8 + Math.floor(random() * 21);
    const source = v6
      ? `2001:db8:${Math.floor(random() * 0xffff).toString(16)}::/${prefix}`
      : `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.0/${prefix}`;
    const port = 1 + Math.floor(random() * 10_000);
    return {
      name: `rule-${index + 1}`,
      action: random() < 0.5 ? 'allow' : 'deny',
      protocol: random() < 0.5 ? 'tcp' : 'udp',
      source,
      ports: random() < 0.3 ? `${port}-${port + Math.floor(random() * 1_000)}` : port,
    };
  });
}

const estate = generateEstate({ hosts, seed });
const planted = plant(estate.entities, estate.relations);
const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
const ops: Operation[] = estateOperations(estate);
const loadStarted = performance.now();
await twin.apply({ actor: 'bench', ops });
log(
  `loaded ${estate.entities.length} entities + ${estate.relations.length} relations in ${round(performance.now() - loadStarted)} ms`,
);

const settings = defaultLintSettings(now);
const totalMs: number[] = [];
let findings = runLint(twin.live, { settings });
for (let run = 0; run < runs; run++) {
  const result = timed(() => runLint(twin.live, { settings }));
  totalMs.push(result.ms);
  findings = result.value;
  log(`run ${run + 1}: ${round(result.ms)} ms, ${findings.length} findings`);
}
const perRule: Record<string, { p50Ms: number; findings: number }> = {};
for (const rule of lintRules) {
  const ms: number[] = [];
  let count = 0;
  for (let run = 0; run < runs; run++) {
    const result = timed(() => rule.check(twin.live, settings));
    ms.push(result.ms);
    count = result.value.length;
  }
  perRule[rule.name] = { p50Ms: round(percentile(ms, 0.5), 1), findings: count };
}
const count = (rule: string, severity?: string) =>
  findings.filter(
    (finding) => finding.rule === rule && (severity === undefined || finding.severity === severity),
  ).length;

console.log(
  JSON.stringify({
    bench: 'lint',
    hosts,
    seed,
    entities: estate.entities.length,
    relations: estate.relations.length,
    runs,
    totalP50Ms: round(percentile(totalMs, 0.5)),
    totalMaxMs: round(Math.max(...totalMs)),
    findings: findings.length,
    perRule,
    planted: {
      ...planted,
      firewallRules:
        estate.entities.filter((entity) => entity.kind === 'firewall').length * firewallRuleCount,
    },
    found: {
      mtuMismatches: count('mtu-mismatch'),
      vlanMismatches: count('vlan-mismatch'),
      duplicateAddresses: count('duplicate-ip', 'error'),
      expiredCertificates: count('certificate-expiry', 'error'),
      shadowedOrRedundantFirewallRules: count('shadowed-firewall-rule'),
    },
    peer: 'none: no tool lints a twin of this shape',
  }),
);
