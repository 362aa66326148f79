// On the tracking page of a closed case: the satisfaction survey offered while it can
// still be answered, or a thank-you once it has been. Whether it has been answered is
// examination's to say (its survey form), asked with the link intake gives here.
import { Alert, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { useT } from "../../i18n/locale";
import { tokenOf } from "./answers";

export function SurveyOffer({ surveyUrl }: { surveyUrl: string }): React.JSX.Element | null {
  const t = useT();
  const token = tokenOf(surveyUrl);
  const form = useQuery({
    queryKey: ["survey", token],
    retry: false,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/examination/public/surveys/{token}", { params: { path: { token } } });
      return data ?? null;
    },
  });
  const survey = form.data;
  // Not yet linked by examination, closed, or unknown: nothing to offer.
  if (!survey) return null;
  if (survey.answered) {
    return (
      <Alert color="green" data-testid="survey-offer-done">
        {t("survey.track.done")}
      </Alert>
    );
  }
  if (new Date(survey.expires_at).getTime() < Date.now()) return null;
  return (
    // On the page's own background: a link on a tinted alert falls short of AA contrast.
    <Paper withBorder p="md" data-testid="survey-offer">
      <Stack gap="xs">
        <Text>{t("survey.track.offer")}</Text>
        <AppLink to="/survei/$token" params={{ token }} fw={700}>
          {t("survey.track.open")}
        </AppLink>
      </Stack>
    </Paper>
  );
}
