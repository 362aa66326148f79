// What the API says in its own words that screens show as they come (a field's reason in
// a problem+json). Known here under `api.` keys with the API's exact text on its own
// side, so that `relocalize` gives it in the other language too. A text the API words
// in English with an Indonesian twin here, or the reverse, is equally found.

export const API_ID = {
  "api.birthDateMismatch": "Tanggal lahir tidak sesuai dengan yang tertera pada NIK.",
} as const;

export const API_EN: Record<keyof typeof API_ID, string> = {
  "api.birthDateMismatch": "The date of birth does not match the one in the NIK.",
};
