import { Anchor, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import { formatCount } from "../../format.ts";
import { ScrollTable } from "../../ui/index.ts";
import type { FrameworkImpact, ImpactChange } from "./framework.api.ts";
import { Advice } from "./Notes.tsx";

function ChangeTable({ title, changes, empty }: { title: string; changes: ImpactChange[]; empty: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} fz="h5">
        {title} ({changes.length})
      </Title>
      {changes.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <ScrollTable caption={`${formatCount(changes.length, "person", "people")}`} label={title} minWidth={300}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Next level</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={`${c.personId}-${c.track}-${c.levelName}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/${c.personId}/ladder`} size="sm">
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.siteCode}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>
                  {c.levelName}
                  <Text component="span" size="xs" c="dimmed" display="block">
                    {c.track}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Who would become eligible or ineligible for their next level if the framework were published now. */
export function ImpactPreview({ impact, isStale, compact = false }: { impact: FrameworkImpact; isStale: boolean; compact?: boolean }) {
  const unchanged = impact.becomeEligible.length === 0 && impact.becomeIneligible.length === 0;
  return (
    <Stack gap="sm">
      {isStale ? (
        <Advice>The framework changed after this preview. Preview the impact again to see the effect of the latest changes.</Advice>
      ) : null}
      <Group gap="xl" wrap="wrap">
        <div>
          <Text size="sm" c="dimmed">
            Eligible for their next level
          </Text>
          <Text fz="xl" fw={700} data-testid="impact-counts">
            {impact.eligibleBefore} <span aria-hidden>→</span>
            <VisuallyHidden>before, then</VisuallyHidden> {impact.eligibleAfter}
            <VisuallyHidden>after publishing</VisuallyHidden>
          </Text>
          <Text size="xs" c="dimmed">
            before → after publishing, of {formatCount(impact.people, "technician")}
          </Text>
        </div>
      </Group>
      {unchanged ? <Text size="sm">Nobody becomes eligible or ineligible for their next level.</Text> : null}
      {!compact || !unchanged ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ChangeTable title="Become eligible" changes={impact.becomeEligible} empty="Nobody becomes eligible." />
          <ChangeTable title="Become ineligible" changes={impact.becomeIneligible} empty="Nobody becomes ineligible." />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
