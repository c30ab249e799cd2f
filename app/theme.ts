import {
  Alert,
  convertCssVariables,
  createTheme,
  deepMerge,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  mergeMantineTheme,
  type ConvertCSSVariablesInput,
  type CSSVariablesResolver,
} from '@mantine/core'

// Mantine's default filled blue (blue.6) gives white text about 3.5:1 contrast; shade 8 passes WCAG AA.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  defaultRadius: 'sm',
  components: {
    // Light alerts colour their text with the alert colour, which fails contrast for yellow, orange and green;
    // keep the tinted background and a coloured border, and write the text in the normal text colour.
    Alert: Alert.extend({
      styles: {
        root: { borderInlineStart: '4px solid var(--alert-color)' },
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      },
    }),
  },
})

// "dimmed" text is gray.6 by default (about 3.3:1 on white) and error text red.6 (about 3.6:1); gray.7 and red.9
// pass AA.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Light and subtle buttons: text in shade 9 on a shade 0 background, shade 1 when hovered, stays above 4.5:1
    // (Mantine's defaults drop to about 4:1 when hovered).
    ...Object.fromEntries(
      ['blue', 'red', 'gray', 'green', 'teal', 'orange', 'yellow'].flatMap((c) => [
        [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`],
        [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
      ]),
    ),
  },
  dark: {},
})

let themeCss: string | undefined

/**
 * The theme's CSS variables as MantineProvider writes them (only those that differ from Mantine's defaults, which
 * its stylesheet has), computed once per process: MantineProvider recomputed them on every render, about a
 * millisecond of every page. The root renders this with `withCssVariables={false}` on the provider.
 */
export function themeCssVariables(): string {
  if (themeCss === undefined) {
    const full = mergeMantineTheme(DEFAULT_THEME, theme)
    const merged = deepMerge(defaultCssVariablesResolver(full), cssVariablesResolver(full))
    const defaults = defaultCssVariablesResolver(DEFAULT_THEME)
    const changed = (group: keyof ConvertCSSVariablesInput) =>
      Object.fromEntries(
        Object.entries(merged[group]).filter(([key, value]) => defaults[group][key as `--${string}`] !== value),
      ) as ConvertCSSVariablesInput['variables']
    themeCss = convertCssVariables({ variables: changed('variables'), light: changed('light'), dark: changed('dark') })
  }
  return themeCss
}
