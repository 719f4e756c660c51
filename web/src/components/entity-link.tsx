import { Link } from '../routing/link';
import { entityPath } from '../routing/route';

/** A link to an entity's page, showing its id unless a label is given. */
export function EntityLink({ id, label }: { id: string; label?: string }) {
  return (
    <Link to={entityPath(id)} className="entity-link" title={label === undefined ? undefined : id}>
      {label ?? id}
    </Link>
  );
}
