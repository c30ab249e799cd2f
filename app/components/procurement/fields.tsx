import { Checkbox, Input, MultiSelect, Radio, Stack } from '@mantine/core'
import { useMounted } from '@mantine/hooks'
import { foldingFilter } from '~/components/folding-filter'

export type Option = { value: string; label: string }

/**
 * Several values from a long list: a searchable MultiSelect with JavaScript, a native multiple select without it
 * (both post the field under `name`; the server splits comma-separated values).
 */
export function MultiPicker({
  name,
  label,
  description,
  options,
  selected,
  error,
  placeholder,
}: {
  name: string
  label: string
  description?: string
  options: Option[]
  selected: string[]
  error?: string
  placeholder?: string
}) {
  const mounted = useMounted()
  if (mounted) {
    return (
      <MultiSelect
        name={name}
        label={label}
        description={description}
        data={options}
        defaultValue={selected.filter((s) => options.some((o) => o.value === s))}
        searchable
        filter={foldingFilter}
        clearable
        limit={50}
        placeholder={placeholder}
        nothingFoundMessage="–"
        error={error}
        hidePickedOptions
      />
    )
  }
  const id = `${name}-native`
  return (
    <Input.Wrapper id={id} label={label} description={description} error={error}>
      <select
        id={id}
        name={name}
        multiple
        size={8}
        defaultValue={selected}
        aria-describedby={
          [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
          undefined
        }
        style={{ width: '100%', display: 'block' }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Input.Wrapper>
  )
}

/** Checkboxes sharing one name, in a fieldset with a legend (Mantine's Checkbox.Group); no JavaScript needed. */
export function CheckboxGroupField({
  name,
  label,
  description,
  options,
  checked,
  error,
}: {
  name: string
  label: string
  description?: string
  options: Option[]
  checked: string[]
  error?: string
}) {
  return (
    <Checkbox.Group label={label} description={description} error={error} defaultValue={checked}>
      <Stack gap="xs" mt="xs">
        {options.map((o) => (
          <Checkbox key={o.value} name={name} value={o.value} label={o.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  )
}

/** One choice from a short list as radio buttons in a fieldset with a legend. */
export function RadioGroupField({
  name,
  label,
  description,
  options,
  value,
  error,
  required,
}: {
  name: string
  label: string
  description?: string
  options: Option[]
  value: string
  error?: string
  required?: boolean
}) {
  return (
    <Radio.Group
      name={name}
      label={label}
      description={description}
      error={error}
      defaultValue={value || undefined}
      required={required}
    >
      <Stack gap="xs" mt="xs">
        {options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
      </Stack>
    </Radio.Group>
  )
}

/** A form's current value: what the user sent (after an error), else the saved value. */
export function valueReader(defaults: Record<string, string>, submitted: Record<string, string> | undefined) {
  const text = (name: string) => (submitted ? (submitted[name] ?? '') : (defaults[name] ?? ''))
  return {
    text,
    list: (name: string) => text(name).split(',').filter(Boolean),
    checked: (name: string) => {
      const v = text(name)
      return v === 'on' || v === '1' || v === 'true'
    },
  }
}
