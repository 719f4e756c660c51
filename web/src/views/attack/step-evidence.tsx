import { useState } from 'react';
import { EntityLink } from '../../components/entity-link';
import { LoadStatus } from '../../components/load-status';
import type { AttackStep, Explanation } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';
import { percent, stepPrivilege, stepTarget } from './attack-paths-graph';

/** Why a step works: its rule, what it gains, the facts of the twin it rests on, and on demand the whole derivation. */
export function StepEvidence({ step }: { step: AttackStep }) {
  const [explaining, setExplaining] = useState(false);
  const target = stepTarget(step);
  const privilege = stepPrivilege(step);
  return (
    <section className="attack-evidence" aria-label="Evidence of the step">
      <h3>
        {step.technique ? `${step.technique} · ` : ''}rule {step.rule}, {step.ruleName} ·{' '}
        {percent(step.probability)}
      </h3>
      <p>
        gains <code>{step.gains}</code>
      </p>
      <p className="attack-entities">
        {step.entities.map((id) => (
          <EntityLink key={id} id={id} />
        ))}
      </p>
      <ul className="attack-facts">
        {step.evidence.map((item) => (
          <li key={`${item.fact}|${item.relation ?? ''}`}>
            <code>{item.fact}</code>
            {item.relation && <span className="muted"> from {item.relation}</span>}
          </li>
        ))}
      </ul>
      {privilege !== undefined && !explaining && (
        <button type="button" onClick={() => setExplaining(true)}>
          Explain how the attacker gets {privilege} on {target}
        </button>
      )}
      {privilege !== undefined && explaining && <ExplanationTree asset={target} privilege={privilege} />}
    </section>
  );
}

function ExplanationTree({ asset, privilege }: { asset: string; privilege: 'user' | 'root' }) {
  const { api } = useSession();
  const answer = useAsync(
    (signal) => api.explainAttack({ asset, privilege }, signal),
    [api, asset, privilege],
  );
  if (answer.data === undefined) return <LoadStatus error={answer.error} what="the explanation" />;
  if (!answer.data.holds || answer.data.explanation === undefined)
    return (
      <p className="muted">
        The attacker cannot get {privilege} on {asset}.
      </p>
    );
  return (
    <ul className="attack-explanation" aria-label={`How the attacker gets ${privilege} on ${asset}`}>
      <ExplanationNode node={answer.data.explanation} depth={0} />
    </ul>
  );
}

/** A derivation, folded below the first levels: a native disclosure, so the keyboard opens it. */
function ExplanationNode({ node, depth }: { node: Explanation; depth: number }) {
  const head = (
    <>
      <code>{node.fact}</code>
      {node.rule && (
        <span className="muted">
          {' '}
          ← rule {node.rule.number} {node.rule.name}
          {node.rule.technique ? ` (${node.rule.technique})` : ''}
          {node.probability !== undefined && node.probability < 1 ? ` · ${percent(node.probability)}` : ''}
        </span>
      )}
      {node.explainedAbove && <span className="muted"> (explained above)</span>}
    </>
  );
  const children = node.because ?? [];
  if (children.length === 0) return <li>{head}</li>;
  return (
    <li>
      <details open={depth < 2}>
        <summary>{head}</summary>
        <ul>
          {children.map((child, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: premises keep their order
            <ExplanationNode key={index} node={child} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}
