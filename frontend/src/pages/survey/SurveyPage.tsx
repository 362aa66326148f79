// The reporter's satisfaction survey behind the link intake sends after a case closes
// (and offers on the tracking page). No sign-in: the link's token is the only credential.
// The questions and the scale are the API's; every question on one page, as the paper
// questionnaire has them, each a group of four worded answers a thumb can reach.
import { Alert, Button, Loader, Paper, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDate, formatDateTime } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { choices, questionErrors, questionText } from "./answers";

type Failure = "fix" | "failed" | "conflict" | null;

export function SurveyPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const labels: Record<string, string> = catalogue(locale);
  const { token } = useParams({ from: "/survei/$token" });
  const form = useQuery({
    queryKey: ["survey", token],
    retry: false,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/examination/public/surveys/{token}", { params: { path: { token } } });
      return data ?? null; // an unknown or malformed link alike: "not known"
    },
  });
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  // What went wrong is kept as a kind, not as text: a language switched afterwards
  // words it again in the new language.
  const [failure, setFailure] = useState<Failure>(null);
  const [other, setOther] = useState<string[]>([]);
  const [answeredAt, setAnsweredAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // No office is known on a public page: dates in WIB, as the tracking page shows them.
  const day = (iso: string) => formatDate(iso, DEFAULT_ZONE, intl);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = { answers, ...(comment.trim() ? { comment } : {}) };
    const { data, error, response } = await api.POST("/api/v1/examination/public/surveys/{token}", {
      params: { path: { token } },
      body,
    });
    setBusy(false);
    if (data) {
      setAnsweredAt(data.answered_at);
      window.scrollTo(0, 0);
      return;
    }
    if (response.status === 409) {
      setFailure("conflict");
      await form.refetch(); // answered meanwhile, or closed: the page says which
      return;
    }
    const found = questionErrors(error, "");
    setErrors(found.byElement);
    setOther(found.other);
    setFailure(response.status === 422 ? "fix" : "failed");
  }

  if (form.isPending) return <Loader aria-label={t("survey.loading")} />;
  const survey = form.data;
  if (!survey) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t("survey.title")}
        </Title>
        <Alert color="red" role="alert" data-testid="survey-not-found">
          {t("survey.notFound")}
        </Alert>
      </Stack>
    );
  }
  const number = survey.registration_number;
  if (answeredAt) {
    return (
      <Stack role="status" data-testid="survey-thanks">
        <Title order={1} size="h2">
          {t("survey.thanks")}
        </Title>
        <Text>{t("survey.thanksBody", { number, date: formatDateTime(answeredAt, DEFAULT_ZONE, intl) })}</Text>
      </Stack>
    );
  }
  const closed = new Date(survey.expires_at).getTime() < Date.now();
  if (survey.answered || closed) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t("survey.title")}
        </Title>
        <Alert color={survey.answered ? "green" : "yellow"} role="status" data-testid="survey-unavailable">
          {survey.answered ? t("survey.answered", { number }) : t("survey.closed", { number, date: day(survey.expires_at) })}
        </Alert>
      </Stack>
    );
  }

  const total = survey.questions.length;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("survey.title")}
      </Title>
      <Text>{t("survey.intro", { number })}</Text>
      <Text size="sm">{t("survey.untilDate", { date: day(survey.expires_at) })}</Text>
      {failure && (
        <Alert color="red" role="alert" data-testid="survey-failure">
          {t(failure === "fix" ? "survey.fix" : failure === "conflict" ? "survey.answered" : "survey.failed", { number })}
          {other.length > 0 && <Text size="sm">{other.join("; ")}</Text>}
        </Alert>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {survey.questions.map((question, index) => (
            <Paper withBorder p="md" key={question.element} data-element={question.element}>
              <Radio.Group
                name={question.element}
                label={questionText(labels, question)}
                description={t("survey.question", { step: index + 1, total })}
                value={answers[question.element] === undefined ? null : String(answers[question.element])}
                onChange={(value) => {
                  setAnswers((a) => ({ ...a, [question.element]: Number(value) }));
                  setErrors((e) => {
                    const rest = { ...e };
                    delete rest[question.element];
                    return rest;
                  });
                }}
                error={question.element in errors ? t("survey.pick") : undefined}
              >
                <Stack mt="xs" gap="xs">
                  {choices(labels, question.element, survey.scale).map((choice) => (
                    <Radio key={choice.value} value={String(choice.value)} label={choice.label} />
                  ))}
                </Stack>
              </Radio.Group>
            </Paper>
          ))}
          <Textarea
            label={t("survey.comment")}
            description={t("survey.commentHelp")}
            autosize
            minRows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
            {t("survey.send")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
