// A screen whose words or code were lost to a dropped connection says so in the user's
// language and loads on "Coba lagi", as the app's router (router.tsx) has it for every
// route, rather than the router's English "Something went wrong!" over the whole page.
import { Text } from "@mantine/core";
import { screen } from "@testing-library/react";
import { createMemoryHistory, createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet, RouterProvider, type RouteComponent } from "@tanstack/react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../testing/render";
import { LoadFailed } from "./LoadFailed";

// Fails the first time it is asked, as a fetch on a connection that drops once.
function failingOnce<T>(value: T): () => Promise<T> {
  let asked = 0;
  return async () => {
    asked += 1;
    if (asked === 1) throw new TypeError("NetworkError when attempting to fetch resource.");
    return value;
  };
}

function appAt(path: string, screen: { beforeLoad?: () => Promise<unknown>; component: RouteComponent }) {
  const root = createRootRoute({
    component: () => (
      <>
        <Text>Kepala halaman</Text>
        <Outlet />
      </>
    ),
  });
  const page = createRoute({ getParentRoute: () => root, path, ...screen });
  return createRouter({
    routeTree: root.addChildren([page]),
    history: createMemoryHistory({ initialEntries: [path] }),
    defaultErrorComponent: LoadFailed,
  });
}

const KPI = () => <Text>Kinerja kantor</Text>;

describe("a screen that could not load", () => {
  beforeEach(() => {
    // React and the router log each caught failure: expected here, noise in the output.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("says so in Indonesian under the page's header, and loads its words on retry", async () => {
    const words = failingOnce("here");
    const router = appAt("/kinerja", { beforeLoad: words, component: KPI });
    const { user } = await renderApp(<RouterProvider router={router} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Halaman ini belum dapat dimuat.");
    expect(screen.getByText("Kepala halaman")).toBeTruthy(); // the layout stays
    await user.click(screen.getByRole("button", { name: "Coba lagi" }));
    expect(await screen.findByText("Kinerja kantor")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("loads its code on retry", async () => {
    const code = failingOnce({ KpiPage: KPI });
    const router = appAt("/kinerja", { component: lazyRouteComponent(code, "KpiPage") });
    const { user } = await renderApp(<RouterProvider router={router} />);
    await screen.findByRole("alert");
    await user.click(screen.getByRole("button", { name: "Coba lagi" }));
    expect(await screen.findByText("Kinerja kantor")).toBeTruthy();
  });

  it("says so in English once English is chosen", async () => {
    const router = appAt("/kinerja", { beforeLoad: failingOnce("here"), component: KPI });
    await renderApp(<RouterProvider router={router} />, { locale: "en" });
    expect((await screen.findByRole("alert")).textContent).toContain("This page could not be loaded.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
