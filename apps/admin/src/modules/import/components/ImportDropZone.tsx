import { useId, useState, type DragEvent } from 'react';
import { cx } from '@muster/ui';

/**
 * Where a CSV is chosen: drag it onto the zone or press the button (a real file input, so the keyboard and screen
 * readers work as they do everywhere else).
 */
export function ImportDropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const file = e.dataTransfer.files?.[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={cx('admin-drop', over && 'admin-drop--over', disabled && 'admin-drop--disabled')}
      data-testid="import-drop-zone"
      onDragEnter={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={onDrop}
    >
      <svg className="admin-drop__icon" viewBox="0 0 48 48" aria-hidden="true">
        <path d="M24 32V12m0 0l-8 8m8-8l8 8" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10 30v6a4 4 0 004 4h20a4 4 0 004-4v-6" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <p className="admin-drop__title">Drag a CSV file here</p>
      <p className="admin-drop__hint" id={`${id}-hint`}>
        Comma, semicolon or tab separated; UTF-8 or Windows-1252 (older Excel); up to 1 GiB, about a million rows.
      </p>
      <label className="mu-btn mu-btn--primary admin-drop__button" htmlFor={id}>
        Choose a file…
      </label>
      <input
        id={id}
        className="mu-visually-hidden admin-drop__input"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
        aria-describedby={`${id}-hint`}
        disabled={disabled}
        data-testid="import-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
