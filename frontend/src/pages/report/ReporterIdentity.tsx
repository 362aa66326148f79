// The reporter's identity, read only on a stated purpose: the API records who read it,
// when and why (intake's audited read), and answers "masked", "withheld" (confidential)
// or "anonymised" when the user is not entitled or nothing is left to show.
import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { Fact } from "../../components/Sections";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Saying } from "../../i18n/said";
import { formatDate } from "../../lib/dates";
import { formSaid } from "../../lib/problems";
import { useOfficeZone } from "../../office";

type Identity = components["schemas"]["ReporterIdentity"];

const FIELDS = ["nik", "place_of_birth", "address", "occupation", "phone", "email"] as const;

export function ReporterIdentity({ reportId }: { reportId: string }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState("");
  // Kept as what to say (a message id, the API's refusal), worded when shown: a switch
  // of language rewords it.
  const say = useSay();
  const [problem, setProblem] = useState<Saying | null>(null);
  const [read, setRead] = useState<Identity | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (purpose.trim().length < 3) {
      setProblem(said("identityRead.purposeNeeded"));
      return;
    }
    const { data, error } = await api.GET("/api/v1/intake/reports/{report_id}/reporter", {
      params: { path: { report_id: reportId }, query: { purpose: purpose.trim() } },
    });
    if (error) {
      const found = formSaid(error, "identityRead.failed");
      setProblem(Object.values(found.fields)[0] ?? found.general);
      return;
    }
    setProblem(null);
    setRead(data);
  }

  if (read) {
    const who = read.identity;
    return (
      <Stack gap="xs" data-testid="reporter-identity" data-disclosure={read.disclosure}>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t(`identityRead.disclosure.${read.disclosure}`)}
          </Text>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setRead(null);
              setOpen(false);
              setPurpose("");
            }}
          >
            {t("identityRead.hide")}
          </Button>
        </Group>
        {who && (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
            <Fact label={t("identityRead.name")}>{who.name}</Fact>
            {who.date_of_birth && (
              <Fact label={t("identityRead.date_of_birth")}>
                {formatDate(who.date_of_birth, zone, locale === "id" ? "id-ID" : "en-GB")}
              </Fact>
            )}
            {FIELDS.filter((f) => who[f]).map((f) => (
              <Fact key={f} label={t(`identityRead.${f}`)}>
                {who[f]}
              </Fact>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    );
  }
  if (!open) {
    return (
      <Group>
        <Button variant="default" size="xs" onClick={() => setOpen(true)}>
          {t("identityRead.show")}
        </Button>
      </Group>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label={t("identityRead.purpose")}
          description={t("identityRead.purposeHelp")}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          error={problem === null ? undefined : say(problem)}
          required
          data-autofocus
        />
        <Group>
          <Button type="submit" size="xs">
            {t("identityRead.read")}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setOpen(false)}>
            {t("identityRead.cancel")}
          </Button>
        </Group>
        <Alert color="gray" p="xs">
          {t("identityRead.audited")}
        </Alert>
      </Stack>
    </form>
  );
}
