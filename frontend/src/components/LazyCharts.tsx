// A chart for a public page, fetched after the page itself: recharts under Mantine's
// charts weighs about 130 kB gzipped, more than the rest of such a page. Where a chart
// repeats a table's figures (the table is the record), the table is read at once on a
// slow phone and the chart follows; the space it takes is held meanwhile.
import type { BarChartProps } from "@mantine/charts";
import { lazy, Suspense } from "react";

const BarChart = lazy(() => import("./charts").then((m) => ({ default: m.BarChart })));

export function LazyBarChart(props: BarChartProps & { h: number }): React.JSX.Element {
  return (
    <Suspense fallback={<div style={{ height: props.h }} />}>
      <BarChart {...props} />
    </Suspense>
  );
}
