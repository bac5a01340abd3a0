import { Group, Stack, Title } from "@mantine/core";
import { useEffect, type ReactNode } from "react";

interface PageProps {
  /** The page's one <h1>, also used for the document title. */
  title: string;
  /** Buttons or links shown beside the heading. */
  actions?: ReactNode;
  children?: ReactNode;
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Rx Ladder` : "Rx Ladder";
  }, [title]);
}

export function Page({ title, actions, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1} fz={{ base: "h2", sm: "h1" }}>
          {title}
        </Title>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}
