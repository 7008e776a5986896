import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from '../lib/classnames.js';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level for the title, so pages keep a sensible outline. */
  headingLevel?: 2 | 3;
}

export function Card({ title, description, actions, headingLevel = 2, className, children, ...rest }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cx('mu-card', className)} {...rest}>
      {title || actions ? (
        <header className="mu-card__header">
          <div>
            {title ? <Heading className="mu-card__title">{title}</Heading> : null}
            {description ? <p className="mu-card__description">{description}</p> : null}
          </div>
          {actions ? <div className="mu-card__actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className="mu-card__body">{children}</div>
    </section>
  );
}

export function StatCard({ label, value, detail, testId }: { label: ReactNode; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <section className="mu-card mu-stat" data-testid={testId}>
      <p className="mu-stat__label">{label}</p>
      <p className="mu-stat__value">{value}</p>
      {detail ? <p className="mu-stat__detail">{detail}</p> : null}
    </section>
  );
}

export function DescriptionList({ items }: { items: ReadonlyArray<{ term: ReactNode; description: ReactNode; testId?: string }> }) {
  return (
    <dl className="mu-dl">
      {items.map((item, i) => (
        <div className="mu-dl__row" key={i} data-testid={item.testId}>
          <dt>{item.term}</dt>
          <dd>{item.description}</dd>
        </div>
      ))}
    </dl>
  );
}
