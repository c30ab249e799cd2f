import { Button, type ButtonProps } from '@mantine/core'
import type { MouseEvent, ReactNode } from 'react'

/**
 * A submit button that asks before a destructive action. Without JavaScript the form posts directly, so destructive
 * forms also carry an explicit field (a reason or a password) where it matters.
 */
export function ConfirmSubmit({ confirm, children, name, value, ...props }: ButtonProps & { confirm: string; children: ReactNode; name?: string; value?: string }) {
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (!window.confirm(confirm)) event.preventDefault()
  }
  return (
    <Button type="submit" name={name} value={value} onClick={onClick} {...props}>
      {children}
    </Button>
  )
}
