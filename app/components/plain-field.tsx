import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

// Form fields as plain elements with Mantine's look (app.css, "Shell + procurement page"): a label tied to its input,
// a description and an error the input names in aria-describedby, aria-invalid on error; the ids follow Mantine's
// (`<id>-description`, `<id>-error`). Mantine's TextInput, Textarea and NativeSelect cost several times as much to
// render, and a page with a few small forms paid for that on every view.

type FieldProps = { id: string; label: string; description?: string; error?: string; required?: boolean }

function describedBy({ id, description, error }: FieldProps) {
  return [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

function Field({ id, label, description, error, required, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {description ? (
        <p className="field-description" id={`${id}-description`}>
          {description}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function PlainTextInput({
  id,
  label,
  description,
  error,
  required,
  className,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const field = { id, label, description, error, required }
  return (
    <Field {...field}>
      <input
        {...input}
        id={id}
        required={required}
        className={className ? `field-input ${className}` : 'field-input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field)}
      />
    </Field>
  )
}

export function PlainTextarea({
  id,
  label,
  description,
  error,
  required,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const field = { id, label, description, error, required }
  return (
    <Field {...field}>
      <textarea
        {...textarea}
        id={id}
        required={required}
        className="field-input field-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field)}
      />
    </Field>
  )
}

export function PlainSelect({
  id,
  label,
  description,
  error,
  required,
  options,
  ...select
}: FieldProps & { options: Array<{ value: string; label: string }> } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id'
  >) {
  const field = { id, label, description, error, required }
  return (
    <Field {...field}>
      <select
        {...select}
        id={id}
        required={required}
        className="field-input field-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  )
}
