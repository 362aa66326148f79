// Mantine's Select, as LazySelect.tsx fetches it: through a module of ours, as charts.ts
// explains, so that only the Select and what it alone needs make the chunk.
export { Select } from "@mantine/core";
