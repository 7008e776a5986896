import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button.js';

/** A labelled group of filter controls with an optional footer of active-filter chips. */
export function FilterBar({ label = 'Filters', children, chips, onClearAll }: { label?: string; children: ReactNode; chips?: ReactNode; onClearAll?: () => void }) {
  return (
    <section className="mu-filterbar" aria-label={label}>
      <div className="mu-filterbar__controls">{children}</div>
      {chips ? (
        <div className="mu-filterbar__chips">
          <span className="mu-filterbar__chips-label">Showing only</span>
          {chips}
          {onClearAll ? (
            <Button variant="ghost" size="sm" onClick={onClearAll} data-testid="clear-filters">
              Clear filters
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function FilterChip({ label, onRemove }: { label: ReactNode; onRemove: () => void }) {
  return (
    <span className="mu-chip" data-testid="filter-chip">
      {label}
      <button type="button" className="mu-chip__remove" onClick={onRemove} aria-label={`Remove filter ${typeof label === 'string' ? label : ''}`.trim()}>
        ×
      </button>
    </span>
  );
}

/**
 * A search box that submits on Enter or the button (not on every key), so each search is one URL change and one
 * entry in the browser's history.
 */
export function SearchField({ value, onSearch, label = 'Search', placeholder }: { value: string; onSearch: (value: string) => void; label?: string; placeholder?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form className="mu-search" role="search" onSubmit={submit}>
      <label htmlFor={id} className="mu-visually-hidden">
        {label}
      </label>
      <input id={id} type="search" className="mu-input mu-search__input" value={draft} placeholder={placeholder} onChange={(e) => setDraft(e.target.value)} />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
