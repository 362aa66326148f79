// What a screen shows when it cannot be shown (issue 21): its area's words or its code
// did not arrive (a slow phone's connection dropped) or it failed to render. In the
// user's language, with a way to try again, where the router would put its English
// "Something went wrong!" in place of the whole page. The router's default for every
// route (router.tsx): a staff screen's shows inside the layout, which stays usable. Its
// words are the entry's (messages.ts), the only ones sure to be here.
import { Alert, Button, Stack, Text } from "@mantine/core";
import { useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { useT } from "../i18n/locale";

export function LoadFailed({ reset }: ErrorComponentProps): React.JSX.Element {
  const t = useT();
  const router = useRouter();
  // The route's loading is run again (the words and the screen's code, each fetched
  // again only if it failed: onceUntilFailed, lazyRouteComponent), then the screen.
  const retry = async () => {
    await router.invalidate();
    reset();
  };
  return (
    <Alert color="red" role="alert" m="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t("common.loadFailed")}</Text>
        <Button size="compact-md" onClick={() => void retry()}>
          {t("common.retry")}
        </Button>
      </Stack>
    </Alert>
  );
}
