import { Checkbox, Input, MultiSelect, Radio, Stack } from '@mantine/core'
import { useMounted } from '@mantine/hooks'
import { useRef, useState } from 'react'
import { foldingFilter } from '~/components/folding-filter'

export type Option = { value: string; label: string }

/** A picker whose options the server narrows: the query parameter of /anskaffelser/valg
 * (app/routes/procurements/options.ts) and which of its option lists the picker takes. */
export type ServerSearch = { param: 'produktsok' | 'kommunesok'; answer: 'products' | 'municipalities' }

/**
 * Several values from a long list: a searchable MultiSelect with JavaScript, a native multiple select without it
 * (both post the field under `name`; the server splits comma-separated values). The page holds only a bounded
 * `options`; with `serverSearch`, what is typed in the MultiSelect fetches the matches (a plain fetch: React Router's
 * fetcher hook would join every page's bundle). Without JavaScript the form's search button does the same round trip.
 */
export function MultiPicker(props: {
  name: string
  label: string
  description?: string
  options: Option[]
  selected: string[]
  error?: string
  placeholder?: string
  serverSearch?: ServerSearch
}) {
  const mounted = useMounted()
  if (mounted) return <SearchingMultiSelect {...props} />
  const { name, label, description, options, selected, error } = props
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

function SearchingMultiSelect({
  name,
  label,
  description,
  options,
  selected,
  error,
  placeholder,
  serverSearch,
}: Parameters<typeof MultiPicker>[0]) {
  const [found, setFound] = useState<Option[] | null>(null)
  // New options from the page (its search button's round trip) replace what an earlier typed search found.
  const [pageOptions, setPageOptions] = useState(options)
  if (pageOptions !== options) {
    setPageOptions(options)
    setFound(null)
  }
  // The chosen options with their labels, so that one stays named when a later search no longer returns it.
  const [chosen, setChosen] = useState(() => options.filter((o) => selected.includes(o.value)))
  const shown = found ?? options
  const data = [...chosen.filter((c) => !shown.some((o) => o.value === c.value)), ...shown]
  // A quarter second after the last key; an answer that comes after a newer search is dropped.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const latest = useRef(0)
  const search = (query: string) => {
    clearTimeout(timer.current)
    if (!serverSearch) return
    timer.current = setTimeout(() => {
      const asked = ++latest.current
      fetch(`/anskaffelser/valg?${new URLSearchParams({ [serverSearch.param]: query })}`)
        .then((res) => (res.ok ? (res.json() as Promise<Record<ServerSearch['answer'], Option[]>>) : null))
        .then((answer) => {
          if (answer && asked === latest.current) setFound(answer[serverSearch.answer])
        })
        // Offline or signed out: the options already on the page stay.
        .catch(() => undefined)
    }, 250)
  }
  return (
    <MultiSelect
      name={name}
      label={label}
      description={description}
      data={data}
      value={chosen.map((c) => c.value)}
      onChange={(values) => setChosen(values.map((v) => data.find((o) => o.value === v) ?? { value: v, label: v }))}
      onSearchChange={search}
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
