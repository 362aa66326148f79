// The component tests' setup (the "dom" project of vite.config.ts): each test starts on
// an empty page with nothing kept from the one before (drafts, the chosen language).
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
