import { Anchor, Button, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { useApiAction } from "../../api.ts";
import { useSessionContext } from "../../session.tsx";
import { ErrorAlert, Page, type SignInRedirectState } from "../../ui/index.ts";

export function SignInPage() {
  const { state, signIn } = useSessionContext();
  const location = useLocation();
  const from = (location.state as SignInRedirectState | null)?.from;
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = useApiAction(signIn);

  if (state.status === "ready" && state.session) return <Navigate to={from ?? "/"} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit.run(email.trim(), password);
  };

  return (
    <Page title="Sign in">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ErrorAlert error={submit.error} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={submit.error?.fieldMessage("email")}
          />
          <TextInput
            type="password"
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={submit.error?.fieldMessage("password")}
          />
          <Button type="submit" loading={submit.isPending}>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot password?
          </Anchor>
        </Stack>
      </form>
    </Page>
  );
}
