import { Badge, Table, Text } from "@mantine/core";
import { formatDateTime } from "../../format.ts";
import { ScrollTable } from "../../ui/index.ts";
import type { FrameworkVersion } from "./framework.api.ts";

export function VersionHistory({ versions, inForce }: { versions: FrameworkVersion[]; inForce: number | undefined }) {
  if (versions.length === 0) return <Text>No versions yet.</Text>;
  return (
    <ScrollTable caption="Newest first" label="Framework versions" minWidth={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Version</Table.Th>
          <Table.Th scope="col" style={{ minWidth: 110 }}>
            Status
          </Table.Th>
          <Table.Th scope="col">Note</Table.Th>
          <Table.Th scope="col">By</Table.Th>
          <Table.Th scope="col">Saved</Table.Th>
          <Table.Th scope="col">Published</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((v) => (
          <Table.Tr key={v.version}>
            <Table.Th scope="row">v{v.version}</Table.Th>
            <Table.Td>
              {v.status === "draft" ? (
                <Badge color="yellow" variant="light" c="gray.9" tt="none">
                  Draft
                </Badge>
              ) : v.version === inForce ? (
                <Badge color="ladderTeal" variant="filled" tt="none">
                  In force
                </Badge>
              ) : (
                <Badge color="gray" variant="light" c="gray.9" tt="none">
                  Earlier
                </Badge>
              )}
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{v.note || "—"}</Table.Td>
            <Table.Td>{v.by ?? "—"}</Table.Td>
            <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
            <Table.Td>{v.publishedAt ? formatDateTime(v.publishedAt) : "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
