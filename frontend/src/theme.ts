// The app's Mantine theme, in one place so the tests render with the same one
// (testing/render.tsx) as main.tsx does.
import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Darker shades than Mantine's defaults: white text on them passes WCAG AA contrast.
// Respecting "reduce motion" helps users who asked for it and lets the browser tests
// check contrast on a settled page rather than mid-fade.
export const theme = createTheme({ primaryColor: "blue", primaryShade: { light: 8, dark: 8 }, respectReducedMotion: true });

// WCAG 2.1 AA contrast (1.4.3): Mantine's default dimmed and error colours are lighter
// than 4.5:1 on white; the darker shades of the same palettes pass.
export const contrast: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7]!,
    "--mantine-color-error": t.colors.red[9]!,
    "--mantine-color-placeholder": t.colors.gray[7]!,
  },
  dark: {},
});
