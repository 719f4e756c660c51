import './change-history.css';
import { useState } from 'react';
import { LoadStatus } from '../../components/load-status';
import { TimeAgo } from '../../components/time-ago';
import type { ChangeSetSummary } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';
import { operationsOn } from './entity-operations';

const shown = 20;

/**
 * Who changed this entity or its relations, when and why, newest first; each change set opens to
 * what it did to this entity. `version` moves when the live stream reports a change, to read again.
 */
export function ChangeHistory({ entityId, version }: { entityId: string; version: number }) {
  const { api } = useSession();
  const changes = useAsync((signal) => api.entityChanges(entityId, shown, signal), [api, entityId, version]);
  if (changes.data === undefined) return <LoadStatus error={changes.error} what="the change history" />;
  if (changes.data.length === 0) return <p className="muted">No change set wrote this entity.</p>;
  return (
    <ol className="change-history" aria-label="Change history">
      {changes.data.map((change) => (
        <ChangeRow key={change.seq} entityId={entityId} change={change} />
      ))}
    </ol>
  );
}

function ChangeRow({ entityId, change }: { entityId: string; change: ChangeSetSummary }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        #{change.seq}
      </button>{' '}
      <TimeAgo ms={change.ts} /> by <strong>{change.actor}</strong>
      <span className="muted">
        {' '}
        · {change.source} · {change.opCount} operation{change.opCount === 1 ? '' : 's'}
      </span>
      {change.reason ? <div className="muted">{change.reason}</div> : null}
      {open ? <ChangeDetail entityId={entityId} seq={change.seq} /> : null}
    </li>
  );
}

function ChangeDetail({ entityId, seq }: { entityId: string; seq: number }) {
  const { api } = useSession();
  const detail = useAsync((signal) => api.changeSet(seq, signal), [api, seq]);
  if (detail.data === undefined) return <LoadStatus error={detail.error} what={`change set ${seq}`} />;
  const lines = operationsOn(entityId, detail.data.ops);
  return (
    <ul className="change-ops mono">
      {lines.map((line, index) => (
        // Lines of one change set are fixed once loaded: their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}
