import { beforeAll, describe, expect, it } from "vitest";
import type { components } from "../api/schema";
import { MESSAGES } from "./bothCatalogues";
import { loadCatalogue, type Locale } from "./messages";
import { problemText } from "./said";

// English is a chunk of its own in the app (messages.ts), fetched when chosen.
beforeAll(() => loadCatalogue("en"));

type Role = components["schemas"]["Role"];

// Every role the API's OpenAPI names (the generated client): a role added there and not
// here fails `tsc`, so the test below covers it.
const EVERY_ROLE: Record<Role, true> = {
  admin: true,
  head: true,
  intake_officer: true,
  examiner: true,
  examination_supervisor: true,
  prevention_officer: true,
  desk_officer: true,
  desk_supervisor: true,
  intern_supervisor: true,
  intern: true,
  community_member: true,
  protection_officer: true,
  analyst: true,
  dpo: true,
  national: true,
};
const ROLES = Object.keys(EVERY_ROLE).sort();
const LOCALES: readonly Locale[] = ["id", "en"];

// As the API joins them (apik_shared.platform.problems.Forbidden.roles_needed).
const joined = (roles: readonly string[]) => roles.join(", ");
const roleRequired = (roles: readonly string[]) => ({
  type: "/problems/forbidden",
  title: "Not allowed",
  status: 403,
  detail: `This needs one of the roles: ${joined(roles)}.`,
  code: "role_required",
  params: { roles: joined(roles) },
});
const aboveYours = (roles: readonly string[]) => ({
  type: "/problems/role-above-yours",
  title: "The role is above your own",
  status: 403,
  detail: `These roles are above your own: ${joined(roles)}.`,
  code: "roles_above_yours",
  params: { roles: joined(roles) },
});

// A role's code appears in a text as a word of its own (`intern` is inside no role's
// Indonesian or English name as a whole word, but a plain `includes` would find it in
// "internship").
const namesCode = (text: string, code: string) => new RegExp(`(^|[^a-z_])${code}([^a-z_]|$)`).test(text);

describe("a refusal naming roles", () => {
  for (const [reason, problem] of [
    ["role_required", roleRequired],
    ["roles_above_yours", aboveYours],
  ] as const) {
    it(`${reason} says every role the API knows in words, in both languages, and no code`, () => {
      for (const locale of LOCALES) {
        const text = problemText(problem(ROLES), locale, "x");
        for (const role of ROLES) {
          const words = (MESSAGES[locale] as Record<string, string>)[`role.${role}`];
          expect(words, `${locale}: role.${role}`).toBeTruthy();
          expect(text, `${locale}: ${role}`).toContain(words);
          expect(namesCode(text, role), `${locale}: the code ${role} in "${text}"`).toBe(false);
        }
      }
    });
  }

  it("reads as the catalogue's reason with the roles' names", () => {
    const problem = roleRequired(["head", "intake_officer"]);
    expect(problemText(problem, "id", "x")).toBe(
      "Tidak diizinkan. Peran Anda tidak mencakup peran yang diperlukan: Kepala kantor, Petugas penerimaan dan verifikasi.",
    );
    expect(problemText(problem, "en", "x")).toBe("Not allowed. This needs one of the roles: Head of office, Intake and verification officer.");
  });

  it("keeps a role this version has no words for as the API sent it", () => {
    const text = problemText(roleRequired(["head", "brand_new_role"]), "id", "x");
    expect(text).toContain("Kepala kantor, brand_new_role.");
  });
});
