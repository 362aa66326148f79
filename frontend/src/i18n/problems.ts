// What the API says of a refusal beyond its type, worded here in the user's language:
// - `api.reason.<type slug>.<code>`: a type raised for several specific reasons names
//   the one in the problem's `code` (its `params` fill the placeholders). The list
//   is the API's own (problemReasons.json, checked against every component's problem
//   classes by tests/deploy/test_web_catalogues.py; problems.test.ts checks both
//   languages). `problemText` (said.ts) says the type, then this reason.
// - `api.field.<pydantic error type>`: a field's error in a validation problem, by
//   the `code` each error carries (pydantic's error type, stable where its English
//   wording is not) with the error's context as `params` (`min_length`, `gt`…). A type
//   not here (a `value_error`, whose reason is the API's own sentence) is shown as the
//   API words it.
export const PROBLEMS_ID = {
  "api.reason.agreement-not-activatable.no_document": "Unggah dulu dokumen yang sudah ditandatangani.",
  "api.reason.agreement-not-activatable.ended": "Masa berlakunya sudah berakhir pada {ends_on}.",
  "api.reason.agreement-not-activatable.mou_not_active": "PKS hanya dapat diberlakukan di bawah MoU yang sedang berlaku, dan MoU-nya tidak sedang berlaku.",
  // What the entry's screens can be refused for (the survey, an upload); the staff
  // screens' reasons are refusals.ts, in their own chunk.
  "api.reason.conflict.survey_answered": "Survei ini sudah dijawab; terima kasih.",
  "api.reason.conflict.survey_closed": "Survei ini sudah ditutup pada {closed_on}.",
  "api.reason.unsupported-media-type.content_not_accepted": "Isi berkas berjenis {media_type}, yang tidak diterima.",
  "api.reason.unsupported-media-type.name_mismatch": "Nama berkasnya {name}, tetapi isinya berjenis {media_type}.",

  "api.field.missing": "Wajib diisi.",
  "api.field.extra_forbidden": "Isian ini tidak dikenal.",
  "api.field.string_type": "Harus berupa teks.",
  "api.field.string_too_short": "Paling sedikit {min_length} karakter.",
  "api.field.string_too_long": "Paling banyak {max_length} karakter.",
  "api.field.string_pattern_mismatch": "Bentuknya tidak sesuai.",
  "api.field.too_short": "Paling sedikit {min_length} butir.",
  "api.field.too_long": "Paling banyak {max_length} butir.",
  "api.field.int_type": "Harus berupa bilangan bulat.",
  "api.field.int_parsing": "Harus berupa bilangan bulat.",
  "api.field.int_from_float": "Harus berupa bilangan bulat, tanpa pecahan.",
  "api.field.float_type": "Harus berupa angka.",
  "api.field.float_parsing": "Harus berupa angka.",
  "api.field.decimal_parsing": "Harus berupa angka.",
  "api.field.decimal_max_digits": "Paling banyak {max_digits} digit.",
  "api.field.decimal_max_places": "Paling banyak {decimal_places} angka di belakang koma.",
  "api.field.bool_type": "Harus ya atau tidak.",
  "api.field.bool_parsing": "Harus ya atau tidak.",
  "api.field.greater_than": "Harus lebih dari {gt}.",
  "api.field.greater_than_equal": "Paling kecil {ge}.",
  "api.field.less_than": "Harus kurang dari {lt}.",
  "api.field.less_than_equal": "Paling besar {le}.",
  "api.field.multiple_of": "Harus kelipatan {multiple_of}.",
  "api.field.date_type": "Bukan tanggal yang valid.",
  "api.field.date_parsing": "Bukan tanggal yang valid.",
  "api.field.date_from_datetime_parsing": "Bukan tanggal yang valid.",
  "api.field.date_from_datetime_inexact": "Harus tanggal saja, tanpa jam.",
  "api.field.date_future": "Tanggalnya harus di masa depan.",
  "api.field.date_past": "Tanggalnya harus di masa lalu.",
  "api.field.datetime_type": "Bukan tanggal dan jam yang valid.",
  "api.field.datetime_parsing": "Bukan tanggal dan jam yang valid.",
  "api.field.datetime_from_date_parsing": "Bukan tanggal dan jam yang valid.",
  "api.field.datetime_future": "Waktunya harus di masa depan.",
  "api.field.datetime_past": "Waktunya harus di masa lalu.",
  "api.field.timezone_aware": "Waktunya harus menyebut zona waktu.",
  "api.field.time_type": "Bukan jam yang valid.",
  "api.field.time_parsing": "Bukan jam yang valid.",
  "api.field.enum": "Pilihan ini tidak dikenal.",
  "api.field.literal_error": "Pilihan ini tidak dikenal.",
  "api.field.uuid_type": "Bukan pengenal (UUID) yang valid.",
  "api.field.uuid_parsing": "Bukan pengenal (UUID) yang valid.",
  "api.field.url_type": "Bukan alamat web yang valid.",
  "api.field.url_parsing": "Bukan alamat web yang valid.",
  "api.field.url_scheme": "Alamat web harus diawali http:// atau https://.",
  "api.field.list_type": "Harus berupa daftar.",
  "api.field.dict_type": "Bentuk isian tidak valid.",
  "api.field.model_type": "Bentuk isian tidak valid.",
  "api.field.model_attributes_type": "Bentuk isian tidak valid.",
  "api.field.json_invalid": "Isi permintaan bukan JSON yang valid.",
  "api.field.json_type": "Isi permintaan bukan JSON yang valid.",
  "api.field.none_required": "Harus dikosongkan.",
  "api.field.frozen_field": "Isian ini tidak dapat diubah.",
  "api.field.missing_argument": "Wajib diisi.",
} as const;
