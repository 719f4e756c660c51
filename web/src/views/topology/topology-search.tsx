import { type FormEvent, useId, useMemo, useState } from 'react';
import { findNode, matchNodes } from './entity-search';
import type { GraphNode } from './graph-node';

const suggestionCount = 20;

/** Finds an entity of the layer by id or name; the view centres it. Suggestions come as you type. */
export function TopologySearch({ nodes, onFind }: { nodes: readonly GraphNode[]; onFind(id: string): void }) {
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const listId = useId();
  const messageId = useId();
  const suggestions = useMemo(() => matchNodes(nodes, query, suggestionCount), [nodes, query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = findNode(nodes, query);
    if (found === undefined) {
      setMessage(
        query.trim() === '' ? 'Type part of a name or id.' : `Nothing here matches “${query.trim()}”.`,
      );
      return;
    }
    setMessage(undefined);
    onFind(found.id);
  };

  return (
    <search>
      <form className="topology-search" onSubmit={submit}>
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          Find an entity
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          placeholder="Find an entity…"
          list={listId}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setMessage(undefined);
          }}
          aria-describedby={message === undefined ? undefined : messageId}
        />
        <datalist id={listId}>
          {suggestions.map((node) => (
            <option key={node.id} value={node.id} label={`${node.name} (${node.kind})`} />
          ))}
        </datalist>
        <button type="submit">Find</button>
        <span id={messageId} className="search-message" role="status">
          {message}
        </span>
      </form>
    </search>
  );
}
