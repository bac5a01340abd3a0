import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiAction } from "../../api.ts";
import { ErrorAlert, Page } from "../../ui/index.ts";
import { authApi } from "./auth.api.ts";

export const MIN_PASSWORD_LENGTH = 10;

export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [isChecked, setChecked] = useState(false);
  const [isDone, setDone] = useState(false);
  const confirm = useApiAction(authApi.confirmPasswordReset);

  const passwordProblem =
    password.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters` : undefined;
  const confirmationProblem = confirmation !== password ? "The two passwords do not match" : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (passwordProblem || confirmationProblem) return;
    const result = await confirm.run(token, password);
    if (result.ok) setDone(true);
  };

  if (!token) {
    return (
      <Page title="Choose a new password">
        <Text>This link is missing its reset code. Open the link from the e-mail again, or ask for a new one.</Text>
        <Anchor component={Link} to="/forgot-password">
          Ask for a new reset link
        </Anchor>
      </Page>
    );
  }

  if (isDone) {
    return (
      <Page title="Password changed">
        <Alert color="ladderTeal" role="status">
          Your new password is set. Sign in with it now.
        </Alert>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Page>
    );
  }

  const isTokenInvalid = confirm.error?.code === "RESET_TOKEN_INVALID";
  return (
    <Page title="Choose a new password">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ErrorAlert error={confirm.error}>
            {isTokenInvalid ? (
              <Anchor component={Link} to="/forgot-password" size="sm">
                Ask for a new reset link
              </Anchor>
            ) : null}
          </ErrorAlert>
          <TextInput
            type="password"
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={(isChecked && passwordProblem) || confirm.error?.fieldMessage("password")}
          />
          <TextInput
            type="password"
            label="Confirm password"
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={isChecked && !passwordProblem ? confirmationProblem : undefined}
          />
          <Button type="submit" loading={confirm.isPending}>
            Set new password
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
