import { Button, Checkbox, Group, type ButtonProps } from '@mantine/core'
import { useId, type MouseEvent, type ReactNode } from 'react'

/**
 * A submit button that asks before a destructive action: a dialog with JavaScript, and without it a required
 * "yes, I am sure" box that the browser insists on before it posts the form.
 */
export function ConfirmSubmit({
  confirm,
  children,
  name,
  value,
  ...props
}: ButtonProps & { confirm: string; children: ReactNode; name?: string; value?: string }) {
  const id = useId()
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (!window.confirm(confirm)) event.preventDefault()
  }
  return (
    <Group gap="sm" align="center" wrap="wrap">
      <noscript>
        <Checkbox id={id} name="confirmed" value="yes" required label={confirm} />
      </noscript>
      <Button type="submit" name={name} value={value} onClick={onClick} {...props}>
        {children}
      </Button>
    </Group>
  )
}
