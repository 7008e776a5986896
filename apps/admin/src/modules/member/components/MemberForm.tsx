import { useState, type FormEvent } from 'react';
import { Button, Callout, DateField, SelectField, TextField } from '@muster/ui';
import { compactForm, validateForm, type FormErrors, type MemberFormValues } from '../lib/member-form';
import { CONSENT_OPTIONS, STATUS_OPTIONS } from './MemberStatusBadge';

export interface MemberFormProps {
  initial: MemberFormValues;
  submitLabel: string;
  busy?: boolean;
  /** Errors the server returned for the last submit, already mapped onto fields. */
  serverErrors?: FormErrors;
  serverMessages?: string[];
  onSubmit: (values: MemberFormValues) => void;
  onCancel: () => void;
}

const SUPPORT_OPTIONS = [
  { value: '1', label: '1 — strongly supports' },
  { value: '2', label: '2 — leans towards' },
  { value: '3', label: '3 — undecided' },
  { value: '4', label: '4 — leans against' },
  { value: '5', label: '5 — strongly against' },
];

function ListField({ name, singular, type, values, errors, onChange }: {
  name: 'emails' | 'phones'; singular: string; type: string; values: string[]; errors: FormErrors; onChange: (values: string[]) => void;
}) {
  return (
    <div className="admin-list-field">
      {values.map((value, i) => (
        <div className="admin-list-field__row" key={i}>
          <TextField
            label={i === 0 ? `${singular} (primary)` : `${singular} ${i + 1}`}
            type={type}
            inputMode={name === 'phones' ? 'tel' : 'email'}
            autoComplete="off"
            value={value}
            error={errors[`${name}.${i}`]}
            name={`${name}.${i}`}
            data-testid={`field-${name}-${i}`}
            onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
          />
          {values.length > 1 ? (
            <Button variant="ghost" size="sm" aria-label={`Remove ${singular.toLowerCase()} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
              Remove
            </Button>
          ) : null}
        </div>
      ))}
      <Button variant="ghost" size="sm" onClick={() => onChange([...values, ''])}>
        + Add another {singular.toLowerCase()}
      </Button>
    </div>
  );
}

/**
 * Create and edit share one form. It checks with @muster/domain before sending (the same rules and words as the API)
 * and shows the API's own field errors where they belong when the server still disagrees.
 */
export function MemberForm({ initial, submitLabel, busy, serverErrors = {}, serverMessages = [], onSubmit, onCancel }: MemberFormProps) {
  const [values, setValues] = useState<MemberFormValues>(initial);
  const [clientErrors, setClientErrors] = useState<FormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = { ...serverErrors, ...clientErrors };

  const set = <K extends keyof MemberFormValues>(key: K, value: MemberFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    // After a first attempt, re-check as people type so errors clear the moment they are fixed.
    if (submitted) setClientErrors(validateForm(next));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const compact = compactForm(values);
    setValues(compact);
    setSubmitted(true);
    const found = validateForm(compact);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      const firstKey = Object.keys(found)[0];
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[name="${firstKey}"]`)?.focus());
      return;
    }
    onSubmit(compact);
  };

  const count = Object.keys(errors).length;
  const text = (key: keyof MemberFormValues, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      name={key}
      value={values[key] as string}
      error={errors[key]}
      data-testid={`field-${key}`}
      onChange={(e) => set(key, e.target.value as never)}
      {...extra}
    />
  );

  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="member-form">
      {count > 0 || serverMessages.length > 0 ? (
        <div className="admin-form__summary">
          <Callout tone="danger" title={count > 0 ? `Please correct ${count === 1 ? 'the highlighted field' : `the ${count} highlighted fields`}` : 'The member was not saved'}>
            {serverMessages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </Callout>
        </div>
      ) : null}

      <section className="mu-form-section">
        <h2 className="mu-form-section__title">Name</h2>
        <div className="mu-form-grid">
          {text('firstName', 'First name', { required: true, autoComplete: 'off' })}
          {text('lastName', 'Last name', { required: true, autoComplete: 'off' })}
        </div>
      </section>

      <section className="mu-form-section">
        <h2 className="mu-form-section__title">Contact</h2>
        <div className="mu-form-grid">
          <ListField name="phones" singular="Phone" type="tel" values={values.phones} errors={errors} onChange={(v) => set('phones', v)} />
          <ListField name="emails" singular="Email" type="email" values={values.emails} errors={errors} onChange={(v) => set('emails', v)} />
          {text('postcode', 'Postcode', { autoComplete: 'off', hint: 'For example SW1A 1AA' })}
        </div>
        <div className="mu-form-grid admin-form__consents">
          <SelectField label="SMS consent" name="smsConsent" options={CONSENT_OPTIONS} value={values.smsConsent} error={errors.smsConsent} onChange={(e) => set('smsConsent', e.target.value as MemberFormValues['smsConsent'])} />
          <SelectField label="Email consent" name="emailConsent" options={CONSENT_OPTIONS} value={values.emailConsent} error={errors.emailConsent} onChange={(e) => set('emailConsent', e.target.value as MemberFormValues['emailConsent'])} />
        </div>
      </section>

      <section className="mu-form-section">
        <h2 className="mu-form-section__title">Membership</h2>
        <div className="mu-form-grid">
          <SelectField label="Status" name="status" options={STATUS_OPTIONS} value={values.status} error={errors.status} data-testid="field-status" onChange={(e) => set('status', e.target.value as MemberFormValues['status'])} />
          {text('membershipNumber', 'Membership number')}
          <DateField label="Joined on" name="joinedOn" value={values.joinedOn} error={errors.joinedOn} data-testid="field-joinedOn" onChange={(e) => set('joinedOn', e.target.value)} />
          <DateField label="Left on" name="leftOn" value={values.leftOn} error={errors.leftOn} data-testid="field-leftOn" onChange={(e) => set('leftOn', e.target.value)} />
          {text('region', 'Region')}
          {text('branch', 'Branch')}
          {text('workplace', 'Workplace')}
          {text('employer', 'Employer')}
        </div>
      </section>

      <section className="mu-form-section">
        <h2 className="mu-form-section__title">Organising</h2>
        <div className="mu-form-grid">
          {text('issues', 'Issues that matter to them', { hint: 'Comma-separated, e.g. pay, pensions' })}
          {text('tags', 'Tags', { hint: 'Comma-separated' })}
          <SelectField label="Support level" name="supportLevel" placeholder="Not recorded" options={SUPPORT_OPTIONS} value={values.supportLevel} error={errors.supportLevel} onChange={(e) => set('supportLevel', e.target.value)} />
        </div>
      </section>

      <div className="mu-form-actions">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={busy} data-testid="save-member">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
