import { Card, Group, Stack, Title, type TitleOrder } from "@mantine/core";
import { useId, type ReactNode } from "react";

interface SectionProps {
  title: ReactNode;
  order: TitleOrder;
  /** Shown beside the heading (a count, a badge). */
  aside?: ReactNode;
  /** The region's id, to link to it. */
  id?: string;
  children: ReactNode;
}

/** A bordered region named by its heading. */
export function Section({ title, order, aside, id: sectionId, children }: SectionProps) {
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} id={sectionId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={order} fz={order <= 2 ? "h3" : "h4"} id={id}>
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
