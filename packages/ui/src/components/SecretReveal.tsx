import { useState } from 'react';
import { Button } from './Button.js';
import { Callout } from './Toast.js';

/**
 * A secret the server shows exactly once (an API key, an invitation link): read-only, selected on focus, with a copy
 * button and a warning that it cannot be shown again.
 */
export function SecretReveal({ title, value, warning, testId = 'secret' }: { title: string; value: string; warning: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (http, permissions): the field is selected so Ctrl+C still works.
      setCopied('failed');
    }
  };
  return (
    <div className="mu-secret" data-testid={`${testId}-reveal`}>
      <Callout tone="warning" title={title}>
        {warning}
      </Callout>
      <div className="mu-secret__row">
        <input
          className="mu-input mu-secret__value"
          readOnly
          value={value}
          aria-label={title}
          data-testid={`${testId}-value`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="primary" onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {copied === 'failed' ? <p className="mu-field__hint">Copying was not allowed here: select the text and copy it yourself.</p> : null}
    </div>
  );
}
