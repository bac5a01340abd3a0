import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useApiAction } from "../../api.ts";
import { ErrorAlert, Page } from "../../ui/index.ts";
import { authApi } from "./auth.api.ts";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [isSent, setSent] = useState(false);
  const request = useApiAction(authApi.requestPasswordReset);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(false);
    const result = await request.run(email.trim());
    if (result.ok) setSent(true);
  };

  return (
    <Page title="Reset your password">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm">Enter the e-mail address you sign in with. We will send you a link to choose a new password.</Text>
          <ErrorAlert error={request.error} />
          {isSent ? (
            <Alert color="ladderTeal" role="status" title="Check your e-mail">
              If that address has an account, we sent a link.
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={request.error?.fieldMessage("email")}
          />
          <Button type="submit" loading={request.isPending}>
            Send reset link
          </Button>
          <Anchor component={Link} to="/sign-in" size="sm">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </Page>
  );
}
