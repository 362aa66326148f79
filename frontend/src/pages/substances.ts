// The national substance catalogue (intake's first migration) for the public form: the
// API lists substances to staff only. An office's own substances are chosen by staff.
export const NATIONAL_SUBSTANCES: ReadonlyArray<{ code: string; id: string; en: string }> = [
  { code: "population_administration", id: "Administrasi Kependudukan", en: "Population administration" },
  { code: "education", id: "Pendidikan", en: "Education" },
  { code: "land", id: "Pertanahan", en: "Land" },
  { code: "social_assistance", id: "Bantuan Sosial", en: "Social assistance" },
  { code: "village", id: "Desa", en: "Villages" },
  { code: "civil_service", id: "Kepegawaian", en: "Civil service" },
  { code: "licensing", id: "Perizinan", en: "Licensing" },
  { code: "electricity", id: "Ketenagalistrikan", en: "Electricity" },
  { code: "drinking_water", id: "Air Minum", en: "Drinking water" },
  { code: "tax", id: "Perpajakan", en: "Tax" },
  { code: "banking", id: "Perbankan", en: "Banking" },
  { code: "trade", id: "Perdagangan", en: "Trade" },
  { code: "cooperative", id: "Koperasi", en: "Cooperatives" },
  { code: "transport", id: "Perhubungan", en: "Transport" },
  { code: "agriculture_food", id: "Pertanian dan Pangan", en: "Agriculture and food" },
  { code: "judiciary", id: "Peradilan", en: "Judiciary" },
  { code: "labour", id: "Ketenagakerjaan", en: "Labour" },
];
