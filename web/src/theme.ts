import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";

/** Dark pharmacy teal: shade 8 on white is 7.9:1, shade 9 text on shade 1 is 8.2:1. */
const ladderTeal: MantineColorsTuple = [
  "#e6f4f5",
  "#cde6e9",
  "#9ccdd3",
  "#67b2bb",
  "#3f9ba6",
  "#258b98",
  "#157f8c",
  "#0a6b77",
  "#065a65",
  "#03454e",
];

export const theme = createTheme({
  primaryColor: "ladderTeal",
  primaryShade: 8,
  colors: { ladderTeal },
  defaultRadius: "md",
  cursorType: "pointer",
  // People who ask their system for less motion get dialogs and menus without transitions.
  respectReducedMotion: true,
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  components: {
    // Required fields are the norm here; optional ones say "(optional)" in their label instead.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    // Links must be told apart from text without relying on colour alone.
    Anchor: { defaultProps: { underline: "always" } },
  },
});

/**
 * Mantine's default dimmed (gray 6) and error (red 6) text fall below 4.5:1 on white, and its
 * input borders (gray 4) below the 3:1 that form controls need.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--mantine-color-default-border": "var(--mantine-color-gray-6)",
  },
  dark: {},
});
