/** A row of checkboxes for a multi-valued filter (status, state, channel); none ticked means "any". */
export function CheckboxGroup<T extends string>({ legend, options, value, onChange, testId }: {
  legend: string; options: ReadonlyArray<{ value: T; label: string }>; value: readonly T[]; onChange: (next: T[]) => void; testId?: string;
}) {
  return (
    <fieldset className="cmp-checks" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" value={o.value} checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
