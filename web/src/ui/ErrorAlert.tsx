import { Alert, Button, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { ApiError } from "../api.ts";

interface ErrorAlertProps {
  error: ApiError | undefined;
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** The API's message for a failed request, announced to screen readers. */
export function ErrorAlert({ error, title, onRetry, children }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{error.message}</Text>
      {children}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
