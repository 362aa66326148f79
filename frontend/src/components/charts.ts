// The charts, as LazyCharts.tsx fetches them. Imported dynamically through this module
// rather than as `import("@mantine/charts")`: the package imported that way made Vite 8
// split @mantine/core into some thirty small chunks that every page then loaded one by
// one (about 11 kB more gzipped, compressed apart); through a module of ours it does not.
export { BarChart } from "@mantine/charts";
