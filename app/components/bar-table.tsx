import { Anchor, Box, Table } from '@mantine/core'
import { Link } from 'react-router'

type Row = { key: string; label: string; value: number; href?: string }

/**
 * A table whose numbers also show as bars: the figures stay readable to screen readers and without colour, and the
 * bars need no client-side chart library (so the page renders the same on the server).
 */
export function BarTable({
  caption,
  labelHeader,
  valueHeader,
  rows,
}: {
  caption: string
  labelHeader: string
  valueHeader: string
  rows: Row[]
}) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{labelHeader}</Table.Th>
          <Table.Th scope="col" ta="right" w={90}>
            {valueHeader}
          </Table.Th>
          <Table.Th scope="col" w="40%">
            <span className="visually-hidden">{valueHeader}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>
              {r.href ? (
                <Anchor component={Link} to={r.href}>
                  {r.label}
                </Anchor>
              ) : (
                r.label
              )}
            </Table.Th>
            <Table.Td ta="right">{r.value}</Table.Td>
            <Table.Td>
              <Box
                aria-hidden
                h={12}
                w={`${(r.value / max) * 100}%`}
                miw={r.value > 0 ? 4 : 0}
                bg="blue.8"
                style={{ borderRadius: 2 }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
