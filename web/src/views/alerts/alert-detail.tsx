import { useState } from 'react';
import { EntityLink } from '../../components/entity-link';
import type { Alert } from '../../contract';
import { formatCount } from '../../format/format-number';
import { formatDateTime } from '../../format/format-time';
import { useNow } from '../../hooks/use-now';
import { RoleGate, useSession } from '../../session/session-context';
import {
  formatClaim,
  formatDuration,
  formatEvidenceValue,
  formatExpected,
  formatPercent,
} from './alert-format';

type AlertAction = 'acknowledge' | 'resolve';

const actionLabels: Readonly<Record<AlertAction, { verb: string; doing: string; done: string }>> = {
  acknowledge: { verb: 'Acknowledge', doing: 'Acknowledging…', done: 'Acknowledged' },
  resolve: { verb: 'Resolve', doing: 'Resolving…', done: 'Resolved' },
};

/** Everything the alert says: what, where, when, how sure, the evidence, the claim it is judged by, the fix. */
export function AlertDetail({ alert, onUpdated }: { alert: Alert; onUpdated(alert: Alert): void }) {
  const now = useNow(5_000);
  const expected = formatExpected(alert, now);
  const evidence = Object.entries(alert.evidence);
  return (
    <div className="alert-detail">
      <p className="alert-detail-summary">
        <span className={`severity severity-${alert.severity}`}>{alert.severity}</span> {alert.summary}
      </p>
      <RoleGate minimum="operator">
        <AlertActions alert={alert} onUpdated={onUpdated} />
      </RoleGate>
      <dl className="alert-facts">
        <dt>Status</dt>
        <dd>
          <span className={`alert-status alert-status-${alert.status}`}>{alert.status}</span>
          {alert.acknowledgedAtMs !== undefined && (
            <span className="muted">
              {' '}
              · acknowledged by {alert.acknowledgedBy ?? 'someone'} at{' '}
              {formatDateTime(alert.acknowledgedAtMs)}
            </span>
          )}
          {alert.resolvedAtMs !== undefined && (
            <span className="muted">
              {' '}
              · resolved by {alert.resolvedBy ?? 'someone'} at {formatDateTime(alert.resolvedAtMs)}
            </span>
          )}
        </dd>
        <dt>Kind</dt>
        <dd>
          {alert.kind} <span className="muted">({alert.source})</span>
        </dd>
        <dt>Entity</dt>
        <dd>
          <EntityLink id={alert.entityId} />
        </dd>
        {alert.entities.some((id) => id !== alert.entityId) && (
          <>
            <dt>Involves</dt>
            <dd>
              <ul className="alert-entities">
                {alert.entities
                  .filter((id) => id !== alert.entityId)
                  .map((id) => (
                    <li key={id}>
                      <EntityLink id={id} />
                    </li>
                  ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Expected</dt>
        <dd>
          {expected && alert.expectedAtMs !== undefined ? (
            <>
              {expected.when} <span className="muted">({formatDateTime(alert.expectedAtMs)})</span>
              {expected.range && <span className="alert-range">{expected.range}</span>}
            </>
          ) : (
            'now (a report of the present)'
          )}
        </dd>
        <dt>Confidence</dt>
        <dd>{formatPercent(alert.confidence)}</dd>
        <dt>First seen</dt>
        <dd>{formatDateTime(alert.firstSeenMs)}</dd>
        <dt>Last seen</dt>
        <dd>
          {formatDateTime(alert.lastSeenMs)}{' '}
          <span className="muted">
            ({alert.occurrences === 1 ? 'once' : `${formatCount(alert.occurrences)} times`})
          </span>
        </dd>
        <dt>Id</dt>
        <dd className="mono">{alert.id}</dd>
      </dl>
      {alert.claim && (
        <section aria-label="Claim">
          <h3>Claim</h3>
          <p>
            <code>{formatClaim(alert.claim)}</code> on <EntityLink id={alert.entityId} />
            {alert.expectedRange && ' within the 80 % interval'}
            {alert.outcome ? '' : ': not judged yet.'}
          </p>
          {alert.outcome && (
            <p className={`alert-verdict alert-verdict-${alert.outcome.verdict}`}>
              Judged a <strong>{alert.outcome.verdict}</strong> {formatDateTime(alert.outcome.scoredAtMs)}
              {alert.outcome.timeErrorMs !== undefined &&
                ` · time error ${alert.outcome.timeErrorMs < 0 ? '−' : '+'}${formatDuration(alert.outcome.timeErrorMs)}`}
              {alert.outcome.leadTimeMs !== undefined &&
                ` · lead time ${formatDuration(alert.outcome.leadTimeMs)}`}
              {alert.outcome.valueError !== undefined &&
                ` · value error ${formatEvidenceValue(alert.outcome.valueError)}`}
            </p>
          )}
        </section>
      )}
      <section aria-label="Evidence">
        <h3>Evidence</h3>
        {evidence.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <dl className="alert-evidence">
            {evidence.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{formatEvidenceValue(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {alert.fix && (
        <section aria-label="Fix">
          <h3>Fix</h3>
          <p>{alert.fix}</p>
        </section>
      )}
    </div>
  );
}

/**
 * Acknowledge and resolve, as the alert's status allows. The list shows the server's answer
 * (confirmed, not optimistic: the server may refuse, and says why in its problem+json).
 */
function AlertActions({ alert, onUpdated }: { alert: Alert; onUpdated(alert: Alert): void }) {
  const { api } = useSession();
  const [pending, setPending] = useState<AlertAction | undefined>();
  const [outcome, setOutcome] = useState<{ id: string; text: string; failed: boolean } | undefined>();
  const run = async (action: AlertAction) => {
    setPending(action);
    setOutcome(undefined);
    try {
      const updated = await (action === 'acknowledge'
        ? api.acknowledgeAlert(alert.id)
        : api.resolveAlert(alert.id));
      onUpdated(updated);
      setOutcome({ id: alert.id, text: `${actionLabels[action].done} ${alert.id}.`, failed: false });
    } catch (error) {
      // An ApiError's message is the problem+json `detail` the server refused with.
      const detail = error instanceof Error ? error.message : String(error);
      setOutcome({
        id: alert.id,
        text: `Could not ${action} ${alert.id}: ${detail}`,
        failed: true,
      });
    } finally {
      setPending(undefined);
    }
  };
  const offered: AlertAction[] =
    alert.status === 'open' ? ['acknowledge', 'resolve'] : alert.status === 'acknowledged' ? ['resolve'] : [];
  const message = outcome?.id === alert.id ? outcome : undefined;

  return (
    <div className="alert-actions">
      {offered.length > 0 && (
        <fieldset disabled={pending !== undefined}>
          <legend className="visually-hidden">Actions on {alert.id}</legend>
          {offered.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'acknowledge' ? 'primary' : undefined}
              onClick={() => run(action)}
            >
              {pending === action ? actionLabels[action].doing : actionLabels[action].verb}
            </button>
          ))}
        </fieldset>
      )}
      {message &&
        (message.failed ? (
          <p className="error" role="alert">
            {message.text}
          </p>
        ) : (
          <p className="muted" role="status">
            {message.text}
          </p>
        ))}
    </div>
  );
}
