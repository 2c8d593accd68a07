/** A value of the URL's query if it is one of `choices`' keys (a hand-edited URL filters by nothing). */
export const oneOf = <K extends string>(value: string | null, choices: Record<K, string>): K | undefined =>
  value !== null && Object.hasOwn(choices, value) ? (value as K) : undefined;

interface FilterSelectProps<K extends string> {
  id: string;
  label: string;
  /** The first option: no filter (""), or null when one of `choices` is always picked (a sort). */
  all: string | null;
  choices: Record<K, string>;
  value: K | undefined;
  onChange(value: K | ""): void;
  disabled?: boolean;
  /** The id of what says more about the field (why it is disabled). */
  describedBy?: string;
}

/** A labelled select over `choices`, for a list's filters and order (the `filters` row). */
export function FilterSelect<K extends string>(props: FilterSelectProps<K>) {
  const { id, label, all, choices, value, onChange, disabled, describedBy } = props;
  return (
    <div className="filters__field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value as K | "")}
        disabled={disabled}
        aria-describedby={describedBy}
      >
        {all !== null && <option value="">{all}</option>}
        {(Object.entries(choices) as [K, string][]).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
