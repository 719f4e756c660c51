// A reference attacker that reads the attack model directly, action by action, with none of the
// attack graph's machinery (no AND/OR nodes, no footholds, no port indexes). Tests hold the graph
// to it: on any network both must agree on what an attacker can get (docs/attack.md, Validation).
import type { AttackModel, Privilege } from '../model/attack-model.js';
import { anyPort, ruleCovers } from '../model/port-match.js';

export interface AttackerState {
  /** `asset:user`, `asset:root` */
  readonly privileges: ReadonlySet<string>;
  readonly credentials: ReadonlySet<string>;
  readonly known: ReadonlySet<string>;
}

interface MutableState {
  privileges: Set<string>;
  credentials: Set<string>;
  known: Set<string>;
}

/** An action the attacker can take, and what it adds. */
export interface AttackerAction {
  readonly label: string;
  readonly adds: { privileges: string[]; credentials: string[]; known: string[] };
}

export interface BruteForceOptions {
  /** Fix ids applied: their facts are gone. */
  readonly removedFixes?: ReadonlySet<string>;
}

/** Everything an attacker can get, by applying every possible action until none adds anything. */
export function bruteForceReach(model: AttackModel, options: BruteForceOptions = {}): AttackerState {
  const state = initialState(model, options);
  for (;;) {
    const actions = possibleActions(model, state, options);
    if (actions.length === 0) return state;
    for (const action of actions) apply(model, state, action);
  }
}

/**
 * The fewest actions after which every asset in `targets` is held (any privilege), by breadth-first
 * search over attacker states; undefined when no sequence gets there. Exponential: small networks only.
 */
export function fewestActions(
  model: AttackModel,
  targets: readonly string[],
  options: BruteForceOptions & { readonly maxStates?: number } = {},
): number | undefined {
  const start = initialState(model, options);
  const done = (s: MutableState) => targets.every((t) => s.privileges.has(`${t}:user`));
  if (done(start)) return 0;
  const seen = new Set([stateKey(start)]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: MutableState[] = [];
    for (const state of frontier) {
      for (const action of possibleActions(model, state, options)) {
        const after = cloneState(state);
        apply(model, after, action);
        const key = stateKey(after);
        if (seen.has(key)) continue;
        if (done(after)) return depth;
        seen.add(key);
        if (seen.size > (options.maxStates ?? 2_000_000))
          throw new Error('state space too large for brute force');
        next.push(after);
      }
    }
    frontier = next;
  }
  return undefined;
}

function initialState(model: AttackModel, options: BruteForceOptions): MutableState {
  const state: MutableState = {
    privileges: new Set(),
    credentials: new Set(),
    known: new Set(model.assets.filter((a) => a.known).map((a) => a.id)),
  };
  for (const entry of model.entries) if (entry.kind === 'foothold') grant(model, state, entry.asset, 'user');
  closeImplications(model, state);
  void options;
  return state;
}

/** Actions that would add something to the state. */
function possibleActions(
  model: AttackModel,
  state: MutableState,
  options: BruteForceOptions,
): AttackerAction[] {
  const removed = options.removedFixes ?? new Set<string>();
  const alive = (fix: { id: string } | undefined) => !fix || !removed.has(fix.id);
  const actions: AttackerAction[] = [];
  const add = (label: string, privileges: string[], credentials: string[], known: string[]) => {
    const fresh = {
      privileges: privileges.filter((p) => !state.privileges.has(p)),
      credentials: credentials.filter((c) => !state.credentials.has(c)),
      known: known.filter((k) => !state.known.has(k)),
    };
    if (fresh.privileges.length + fresh.credentials.length + fresh.known.length > 0)
      actions.push({ label, adds: fresh });
  };
  for (const entry of model.entries) {
    if (entry.kind === 'phishing') add(`phish ${entry.asset}`, [`${entry.asset}:user`], [], []);
  }
  for (const v of model.vulnerabilities) {
    if (!alive(v.fix)) continue;
    const can =
      v.range === 'local'
        ? state.privileges.has(`${v.asset}:user`)
        : state.known.has(v.asset) &&
          (v.needsNetwork ? canReach(model, state, v.asset, v.port, removed) : state.privileges.size > 0);
    if (can)
      add(
        `exploit ${v.vulnerability} on ${v.asset}`,
        v.grants ? [`${v.asset}:${v.grants}`] : [],
        [...v.leaksCredentials],
        [...v.leaksAssets],
      );
  }
  for (const s of model.credentialStores) {
    if (alive(s.fix) && state.privileges.has(`${s.asset}:${s.requires}`))
      add(`steal ${s.credential} on ${s.asset}`, [], [s.credential], []);
  }
  for (const a of model.credentialAcceptances) {
    if (!alive(a.fix) || !state.credentials.has(a.credential) || !state.known.has(a.asset)) continue;
    if (canReach(model, state, a.asset, a.port, removed))
      add(`log into ${a.asset} with ${a.credential}`, [`${a.asset}:${a.grants}`], [], []);
  }
  for (const t of model.trusts) {
    if (!alive(t.fix) || !state.privileges.has(`${t.trusted}:root`)) continue;
    if (canReach(model, state, t.asset, t.port, removed))
      add(`move from ${t.trusted} to ${t.asset}`, [`${t.asset}:${t.grants}`], [], []);
  }
  return actions;
}

/**
 * Whether some position the attacker holds reaches `asset` on `port` (any of its ports when
 * undefined or when the port does not listen there).
 */
function canReach(
  model: AttackModel,
  state: MutableState,
  assetId: string,
  port: string | undefined,
  removed: ReadonlySet<string>,
): boolean {
  const asset = model.assets.find((a) => a.id === assetId);
  if (!asset) return false;
  const listening = asset.ports.length > 0 ? asset.ports : [anyPort];
  const wanted = port && listening.includes(port) ? [port] : listening;
  const holds = (segment: string) =>
    model.segments.some((s) => s.id === segment && s.attackerLocated) ||
    model.assets.some((a) => a.segments.includes(segment) && state.privileges.has(`${a.id}:user`));
  for (const p of wanted) {
    for (const segment of asset.segments) {
      const seg = model.segments.find((s) => s.id === segment);
      if (seg?.openInside && holds(segment)) return true;
    }
    for (const rule of model.reach) {
      if (rule.fix && removed.has(rule.fix.id)) continue;
      const toHere =
        'asset' in rule.to ? rule.to.asset === assetId : asset.segments.includes(rule.to.segment);
      if (!toHere || !ruleCovers(rule.ports, p)) continue;
      const fromHeld =
        'asset' in rule.from ? state.privileges.has(`${rule.from.asset}:user`) : holds(rule.from.segment);
      if (fromHeld) return true;
    }
  }
  return false;
}

function apply(model: AttackModel, state: MutableState, action: AttackerAction): void {
  for (const p of action.adds.privileges) {
    const [asset, privilege] = splitPrivilege(p);
    grant(model, state, asset, privilege);
  }
  for (const c of action.adds.credentials) state.credentials.add(c);
  for (const k of action.adds.known) state.known.add(k);
  closeImplications(model, state);
}

function grant(_model: AttackModel, state: MutableState, asset: string, privilege: Privilege): void {
  state.privileges.add(`${asset}:${privilege}`);
}

/** Root implies user; root on a host is root in its guests. Free: no action. */
function closeImplications(model: AttackModel, state: MutableState): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const asset of model.assets) {
      const rootHere =
        state.privileges.has(`${asset.id}:root`) ||
        asset.hostedOn.some((h) => state.privileges.has(`${h}:root`));
      if (rootHere && !state.privileges.has(`${asset.id}:root`)) {
        state.privileges.add(`${asset.id}:root`);
        changed = true;
      }
      if (rootHere && !state.privileges.has(`${asset.id}:user`)) {
        state.privileges.add(`${asset.id}:user`);
        changed = true;
      }
    }
  }
}

function splitPrivilege(text: string): [string, Privilege] {
  const colon = text.lastIndexOf(':');
  return [text.slice(0, colon), text.slice(colon + 1) as Privilege];
}

function cloneState(state: MutableState): MutableState {
  return {
    privileges: new Set(state.privileges),
    credentials: new Set(state.credentials),
    known: new Set(state.known),
  };
}

function stateKey(state: MutableState): string {
  return [
    [...state.privileges].sort().join(','),
    [...state.credentials].sort().join(','),
    [...state.known].sort().join(','),
  ].join('|');
}
