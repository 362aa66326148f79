// The evidence files: the browser's own file input (no upload library), the limits the
// API states said in words, files that cannot be sent named at the field before sending.
import { Button, FileButton, Input, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { acceptOf, fileProblems, sizeInWords, typeNames } from "../../lib/publicForm";
import { said, type Said } from "../../i18n/said";

type Rules = components["schemas"]["PublicFormRules"];

export function useFormRules() {
  return useQuery({
    queryKey: ["public-form-rules"],
    queryFn: async (): Promise<Rules> => {
      const { data, error } = await api.GET("/api/v1/intake/public/form");
      if (error || !data) throw new Error("form rules");
      return data;
    },
    staleTime: 60 * 60 * 1000,
  });
}

// The messages of what is wrong with `files`, in the reader's language; empty when none.
// Kept as what to say (worded when shown): a switch of language rewords the file names'
// messages too.
export function useFileErrors(): (files: readonly File[]) => Said[] {
  const rules = useFormRules();
  return (files) =>
    rules.data
      ? fileProblems(files, rules.data).map((p) => (p.kind === "tooMany" ? said("pf.tooMany", { max: p.max }) : said(p.kind === "tooLarge" ? "pf.tooLarge" : "pf.empty", { name: p.name })))
      : [];
}

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  error: string | undefined;
}

export function FilePicker({ files, onChange, error }: Props): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const rules = useFormRules();
  // The same file may be chosen again after it was removed from the list.
  const reset = useRef<() => void>(null);
  useEffect(() => reset.current?.(), [files]);
  const help = rules.data
    ? t("pf.filesHelp", {
        count: rules.data.max_files,
        size: sizeInWords(rules.data.max_file_bytes, locale === "id" ? "id-ID" : "en-GB"),
        types: typeNames(rules.data.file_types),
      })
    : "";
  return (
    <Stack gap="sm">
      <Input.Wrapper id="evidence-files" labelElement="div" label={t("pf.files")} description={help} error={error}>
        {/* Our own button, not the browser's file input, whose text follows the
            browser's language rather than the page's. */}
        <FileButton
          multiple
          accept={rules.data ? acceptOf(rules.data.file_types) : undefined}
          onChange={(chosen) => onChange([...files, ...chosen])}
          resetRef={reset}
        >
          {(props) => (
            <Button
              {...props}
              variant="default"
              mt={6}
              id="evidence-files"
              aria-invalid={error ? true : undefined}
              aria-describedby={["evidence-files-description", error ? "evidence-files-error" : ""].filter(Boolean).join(" ")}
            >
              {t("pf.choose")}
            </Button>
          )}
        </FileButton>
      </Input.Wrapper>
      {files.length > 0 && (
        <div>
          <Text fw={600} size="sm" id="files-chosen">
            {t("pf.filesChosen")}
          </Text>
          <List aria-labelledby="files-chosen">
            {files.map((f, i) => (
              <List.Item key={`${f.name}-${i}`}>
                {f.name} ({sizeInWords(f.size, locale === "id" ? "id-ID" : "en-GB")}){" "}
                <Button variant="subtle" size="compact-sm" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                  {t("pf.remove", { name: f.name })}
                </Button>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
