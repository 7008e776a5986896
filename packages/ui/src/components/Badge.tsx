import type { ReactNode } from 'react';
import { cx } from '../lib/classnames.js';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <span className={cx('mu-badge', `mu-badge--${tone}`, className)}>{children}</span>;
}
