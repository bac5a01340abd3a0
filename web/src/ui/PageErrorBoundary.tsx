import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { Component, type ErrorInfo, type ReactNode } from "react";

interface PageErrorBoundaryProps {
  children: ReactNode;
}

interface PageErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches a page that fails to render or to load its code (a stale tab after an upgrade asks for
 * files that no longer exist) and offers a reload instead of a blank screen.
 */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, PageErrorBoundaryState> {
  state: PageErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): PageErrorBoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack gap="md">
        <Title order={1}>This page could not be shown</Title>
        <Alert color="red" role="alert">
          <Text size="sm">{this.state.error.message}</Text>
        </Alert>
        <Text>Reloading usually helps, especially if Rx Ladder was updated while this tab was open.</Text>
        <div>
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
        </div>
      </Stack>
    );
  }
}
