import { Alert, Card, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { saveEmailPreferences, type EmailPreference } from "./notifications.api.ts";

/** Which notifications the signed-in person also gets by e-mail; each switch saves at once. */
export function NotificationSettingsPage() {
  const prefs = useApiQuery<{ items: EmailPreference[] }>("/api/notifications/preferences");
  const save = useApiAction(saveEmailPreferences);
  const [items, setItems] = useState<EmailPreference[]>();
  const [status, setStatus] = useState<string>();
  const shown = items ?? prefs.data?.items;
  return (
    <Page title="E-mail settings">
      <Text>
        Everything appears in your <Link to="/notifications">notifications</Link>. Choose which kinds you also get by e-mail.
      </Text>
      <ErrorAlert error={prefs.error ?? save.error} onRetry={prefs.reload} />
      {!shown && prefs.isLoading ? <Loading /> : null}
      {status ? (
        <Alert color="ladderTeal" role="status">
          {status}
        </Alert>
      ) : null}
      {shown ? (
        <Card withBorder padding="md" component="fieldset" style={{ margin: 0 }}>
          <Text component="legend" fw={700} px={4}>
            Send me an e-mail for
          </Text>
          <Stack gap="md">
            {shown.map((p) => (
              <Switch
                key={p.kind}
                label={p.label}
                description={`${p.description}${p.emailByDefault ? "" : " (off unless you turn it on)"}`}
                checked={p.email}
                disabled={save.isPending}
                size="md"
                onChange={async (event) => {
                  const email = event.currentTarget.checked;
                  const result = await save.run({ [p.kind]: email });
                  if (result.ok) {
                    setItems(result.value.items);
                    setStatus(`Saved: ${p.label} ${email ? "will" : "will not"} be e-mailed.`);
                  }
                }}
              />
            ))}
          </Stack>
        </Card>
      ) : null}
    </Page>
  );
}
