// Random small attack models for property tests: every kind of fact, with fixes on some of them.
import fc from 'fast-check';
import {
  type AttackModel,
  defaultStepProbabilities,
  type FixSpec,
  type Privilege,
} from '../model/attack-model.js';

const portPool = ['tcp/22', 'tcp/80', 'tcp/443', 'udp/53'];
const rulePorts = ['*', 'tcp/*', 'tcp/22', 'tcp/80', 'any/443', 'tcp/20-25', 'udp/53'];

const privilege = fc.constantFrom<Privilege>('user', 'root');

/** A model with up to `maxAssets` assets; ids are a0, a1…, segments s0…, credentials c0…. */
export function arbitraryAttackModel(maxAssets = 6): fc.Arbitrary<AttackModel> {
  return fc
    .record({
      assets: fc.integer({ min: 1, max: maxAssets }),
      segments: fc.integer({ min: 0, max: 3 }),
      credentials: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ assets, segments, credentials }) => {
      const asset = fc.integer({ min: 0, max: assets - 1 }).map((i) => `a${i}`);
      const segment = fc.integer({ min: 0, max: Math.max(0, segments - 1) }).map((i) => `s${i}`);
      const credential = fc.integer({ min: 0, max: Math.max(0, credentials - 1) }).map((i) => `c${i}`);
      const port = fc.constantFrom(...portPool);
      const end =
        segments > 0
          ? fc.oneof(
              asset.map((a) => ({ asset: a })),
              segment.map((s) => ({ segment: s })),
            )
          : asset.map((a) => ({ asset: a }));
      const probability = fc.constantFrom(0.3, 0.7, 1);
      return fc.record({
        assets: fc.tuple(
          ...Array.from({ length: assets }, (_, i) =>
            fc.record({
              id: fc.constant(`a${i}`),
              kind: fc.constant('host'),
              name: fc.constant(`a${i}`),
              segments: segments > 0 ? fc.uniqueArray(segment, { maxLength: 2 }) : fc.constant([]),
              known: fc.boolean(),
              hostedOn:
                i > 0
                  ? fc.uniqueArray(
                      fc.integer({ min: 0, max: i - 1 }).map((h) => `a${h}`),
                      { maxLength: 1 },
                    )
                  : fc.constant([]),
              ports: fc.uniqueArray(port, { maxLength: 3 }),
            }),
          ),
        ),
        segments: fc.tuple(
          ...Array.from({ length: segments }, (_, i) =>
            fc.record({ id: fc.constant(`s${i}`), attackerLocated: fc.boolean(), openInside: fc.boolean() }),
          ),
        ),
        reach: fc.array(
          fc.record({
            from: end,
            to: end,
            ports: fc.uniqueArray(fc.constantFrom(...rulePorts), { minLength: 1, maxLength: 2 }),
          }),
          { maxLength: 6 },
        ),
        vulnerabilities: fc.array(
          fc.record({
            asset,
            port: fc.option(port, { nil: undefined }),
            range: fc.constantFrom<'remote' | 'local'>('remote', 'local'),
            grants: fc.option(privilege, { nil: undefined }),
            leaksCredentials:
              credentials > 0 ? fc.uniqueArray(credential, { maxLength: 2 }) : fc.constant([]),
            leaksAssets: fc.uniqueArray(asset, { maxLength: 2 }),
            needsNetwork: fc.boolean(),
            probability,
          }),
          { maxLength: 6 },
        ),
        stores: fc.array(fc.record({ credential, asset, requires: privilege }), {
          maxLength: credentials > 0 ? 4 : 0,
        }),
        accepts: fc.array(
          fc.record({ credential, asset, grants: privilege, port: fc.option(port, { nil: undefined }) }),
          { maxLength: credentials > 0 ? 4 : 0 },
        ),
        trusts: fc.array(
          fc.record({ asset, trusted: asset, grants: privilege, port: fc.option(port, { nil: undefined }) }),
          { maxLength: 3 },
        ),
        entries: fc.array(
          fc.record({
            kind: fc.constantFrom<'foothold' | 'phishing'>('foothold', 'phishing'),
            asset,
            probability,
          }),
          { minLength: 1, maxLength: 2 },
        ),
        jewels: fc.uniqueArray(asset, { minLength: 1, maxLength: 2 }),
        fixFlags: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      });
    })
    .map((raw): AttackModel => {
      let flag = 0;
      const fixIf = (id: string, kind: FixSpec['kind']): { fix?: FixSpec } =>
        raw.fixFlags[flag++ % raw.fixFlags.length] ? { fix: { id, kind, target: id, description: id } } : {};
      return {
        assets: raw.assets,
        segments: raw.segments,
        reach: raw.reach.map((r, i) => ({ id: `r${i}`, ...r, ...fixIf(`block-r${i}`, 'block-rule') })),
        vulnerabilities: raw.vulnerabilities.map((v, i) => ({
          id: `v${i}`,
          vulnerability: `CVE-${i}`,
          ...v,
          ...(v.port === undefined ? {} : { port: v.port }),
          ...(v.grants === undefined ? {} : { grants: v.grants }),
          ...fixIf(`patch-v${i}`, 'patch'),
        })),
        credentialStores: raw.stores.map((s, i) => ({ ...s, ...fixIf(`unstore-${i}`, 'rotate-credential') })),
        credentialAcceptances: raw.accepts.map((a) => ({
          ...a,
          ...fixIf(`rotate-${a.credential}`, 'rotate-credential'),
        })),
        trusts: raw.trusts.map((t, i) => ({ ...t, ...fixIf(`untrust-${i}`, 'remove-trust') })),
        entries: raw.entries,
        jewels: raw.jewels,
        probabilities: defaultStepProbabilities,
      };
    });
}
