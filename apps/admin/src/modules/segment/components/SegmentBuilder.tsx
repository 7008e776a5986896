// The visual builder: nested "all of / any of / none of" groups with condition rows, each with the value picker its
// field and operator need. It edits a SegmentDefinition through the pure functions of lib/segment-builder.ts.
import { useState } from 'react';
import { CONSENT_STATUSES, MEMBER_STATUSES, SEGMENT_LIMITS, type SegmentCondition, type SegmentDefinition, type SegmentField, type SegmentGroup, type SegmentGroupOp } from '@muster/domain';
import { Button, DateField, SelectField, TextField } from '@muster/ui';
import {
  GROUP_LABELS, appendTo, depthOf, fieldOptions, newCondition, newGroup, opOptions, removeAt, replaceAt, shapeOf, type NodePath,
} from '../lib/segment-builder';
import '../segment.css';

export interface PickerOptions {
  /** Known values for region, branch, tags… (offered as suggestions; anything may be typed). */
  suggestions: Partial<Record<SegmentField, string[]>>;
  imports: Array<{ id: string; label: string }>;
  /** Frozen segments whose snapshots may be used (never the one being edited). */
  snapshots: Array<{ id: string; label: string }>;
  /** The organisation's actions ("Campaign — action") and campaigns, for the action and donation conditions. */
  actions: Array<{ id: string; label: string }>;
  campaigns: Array<{ id: string; label: string }>;
}

const GROUP_OPTIONS = (Object.keys(GROUP_LABELS) as SegmentGroupOp[]).map((op) => ({ value: op, label: GROUP_LABELS[op] }));
const STATUS_LABELS: Record<string, string> = { ACTIVE: 'Active', LAPSED: 'Lapsed', LEFT: 'Left', GRANTED: 'Granted', WITHDRAWN: 'Withdrawn', UNKNOWN: 'Unknown' };

export function SegmentBuilder({ definition, onChange, options }: { definition: SegmentDefinition; onChange: (d: SegmentDefinition) => void; options: PickerOptions }) {
  return <GroupEditor group={definition.root} path={[]} definition={definition} onChange={onChange} options={options} />;
}

function GroupEditor({ group, path, definition, onChange, options }: {
  group: SegmentGroup; path: NodePath; definition: SegmentDefinition; onChange: (d: SegmentDefinition) => void; options: PickerOptions;
}) {
  const name = path.length === 0 ? 'Members matching' : `Group ${path.map((i) => i + 1).join('.')}`;
  return (
    <div className={`seg-group seg-group--${group.op}`} data-testid="segment-group" data-path={path.join('.')}>
      <div className="seg-group__head">
        <SelectField
          label={name}
          options={GROUP_OPTIONS}
          value={group.op}
          data-testid="group-op"
          onChange={(e) => onChange(replaceAt(definition, path, { ...group, op: e.target.value as SegmentGroupOp }))}
        />
        {path.length > 0 ? (
          <Button size="sm" onClick={() => onChange(removeAt(definition, path))} aria-label={`Remove ${name.toLowerCase()}`}>Remove group</Button>
        ) : null}
      </div>
      {group.children.map((child, i) =>
        child.type === 'group' ? (
          <GroupEditor key={i} group={child} path={[...path, i]} definition={definition} onChange={onChange} options={options} />
        ) : (
          <ConditionRow
            key={i}
            condition={child}
            label={`Condition ${[...path, i].map((n) => n + 1).join('.')}`}
            onChange={(c) => onChange(replaceAt(definition, [...path, i], c))}
            onRemove={() => onChange(removeAt(definition, [...path, i]))}
            options={options}
          />
        ),
      )}
      {group.children.length === 0 ? <p className="admin-muted">{path.length === 0 ? 'No conditions yet: every member matches.' : 'Add a condition to this group.'}</p> : null}
      <div className="seg-group__actions">
        <Button size="sm" onClick={() => onChange(appendTo(definition, path, newCondition('status')))} data-testid="add-condition">Add condition</Button>
        {depthOf(path) < SEGMENT_LIMITS.depth ? (
          <Button size="sm" onClick={() => onChange(appendTo(definition, path, newGroup(group.op === 'and' ? 'or' : 'and')))} data-testid="add-group">Add group</Button>
        ) : null}
      </div>
    </div>
  );
}

function ConditionRow({ condition, label, onChange, onRemove, options }: {
  condition: SegmentCondition; label: string; onChange: (c: SegmentCondition) => void; onRemove: () => void; options: PickerOptions;
}) {
  const shape = shapeOf(condition.field, condition.op);
  return (
    <div className="seg-condition" data-testid="segment-condition" role="group" aria-label={label}>
      <SelectField
        label="Field"
        options={fieldOptions()}
        value={condition.field}
        data-testid="condition-field"
        onChange={(e) => onChange(newCondition(e.target.value as SegmentField))}
      />
      <SelectField
        label="Is"
        options={opOptions(condition.field)}
        value={condition.op}
        data-testid="condition-op"
        onChange={(e) => onChange(newCondition(condition.field, e.target.value, condition))}
      />
      <div className="seg-condition__value">
        {shape === 'list' ? <ListValue condition={condition} onChange={onChange} options={options} /> : null}
        {shape === 'number' ? (
          <SelectField
            label="Level"
            options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
            value={String(condition.value ?? 3)}
            data-testid="condition-number"
            onChange={(e) => onChange({ ...condition, value: Number(e.target.value) })}
          />
        ) : null}
        {shape === 'pence' || shape === 'days' ? (
          <TextField
            label={shape === 'pence' ? 'Pence' : 'Days'}
            type="number"
            min={1}
            inputMode="numeric"
            value={typeof condition.value === 'number' ? String(condition.value) : ''}
            data-testid="condition-amount"
            onChange={(e) => onChange({ ...condition, value: e.target.value === '' ? undefined : Number(e.target.value) })}
          />
        ) : null}
        {shape === 'date' ? (
          <DateField label="Date" value={String(condition.value ?? '')} data-testid="condition-date" onChange={(e) => onChange({ ...condition, value: e.target.value })} />
        ) : null}
        {shape === 'range' ? (
          <>
            <DateField label="From" value={condition.from ?? ''} data-testid="condition-from" onChange={(e) => onChange({ ...condition, from: e.target.value })} />
            <DateField label="To" value={condition.to ?? ''} data-testid="condition-to" onChange={(e) => onChange({ ...condition, to: e.target.value })} />
          </>
        ) : null}
      </div>
      <Button size="sm" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`} data-testid="remove-condition">Remove</Button>
    </div>
  );
}

function Checks({ legend, choices, values, onChange }: { legend: string; choices: Array<{ id: string; label: string }>; values: string[]; onChange: (v: string[]) => void }) {
  if (choices.length === 0) return <p className="admin-muted">Nothing to choose from yet.</p>;
  return (
    <fieldset className="seg-checks" data-testid="condition-checks">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.id}>
          <input
            type="checkbox"
            checked={values.includes(c.id)}
            onChange={(e) => onChange(e.target.checked ? [...values, c.id] : values.filter((v) => v !== c.id))}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

function ListValue({ condition, onChange, options }: { condition: SegmentCondition; onChange: (c: SegmentCondition) => void; options: PickerOptions }) {
  const values = condition.values ?? [];
  const set = (next: string[]) => onChange({ ...condition, values: next });
  switch (condition.field) {
    case 'status':
      return <Checks legend="Statuses" choices={MEMBER_STATUSES.map((s) => ({ id: s, label: STATUS_LABELS[s] }))} values={values} onChange={set} />;
    case 'smsConsent':
    case 'emailConsent':
      return <Checks legend="Consent" choices={CONSENT_STATUSES.map((s) => ({ id: s, label: STATUS_LABELS[s] }))} values={values} onChange={set} />;
    case 'import':
      return <Checks legend="Imports" choices={options.imports} values={values} onChange={set} />;
    case 'segmentSnapshot':
      return <Checks legend="Frozen segments" choices={options.snapshots} values={values} onChange={set} />;
    case 'actionCompleted':
    case 'actionCommitted':
      return <Checks legend="Actions" choices={options.actions} values={values} onChange={set} />;
    case 'donated':
      return <Checks legend="Campaigns" choices={options.campaigns} values={values} onChange={set} />;
    default:
      return <TextList key={condition.field} field={condition.field} values={values} onChange={set} suggestions={options.suggestions[condition.field] ?? []} />;
  }
}

/** Comma-separated values, typed freely (the text is kept as typed; the values are what it parses to). */
function TextList({ field, values, onChange, suggestions }: { field: SegmentField; values: string[]; onChange: (v: string[]) => void; suggestions: string[] }) {
  const [text, setText] = useState(values.join(', '));
  const listId = `seg-suggest-${field}`;
  return (
    <>
      <TextField
        label="Values (comma-separated)"
        value={text}
        list={suggestions.length ? listId : undefined}
        data-testid="condition-values"
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split(',').map((v) => v.trim()).filter(Boolean));
        }}
      />
      {suggestions.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => <option key={s} value={s} />)}
        </datalist>
      ) : null}
    </>
  );
}
