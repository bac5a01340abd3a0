import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { formatDate } from "../../format.ts";
import { roleLabel } from "../../roles.ts";
import { SEPARATION_TYPE_LABELS } from "./labels.ts";
import { reasonLabel, type Person, type SeparationReason } from "./people.api.ts";
import { StatusBadge } from "./StatusBadge.tsx";

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {term}
      </Text>
      <Text component="dd" m={0} fw={500} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

export function PersonDetails({ person, reasons }: { person: Person; reasons: readonly SeparationReason[] | undefined }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      <Detail term="Employee ID">{person.employeeId}</Detail>
      <Detail term="Email">{person.email}</Detail>
      <Detail term="Phone">{person.phone || "Not recorded"}</Detail>
      <Detail term="Site">
        {person.siteCode} · {person.siteName}
      </Detail>
      <Detail term="Role">{roleLabel(person.role)}</Detail>
      <Detail term="Status">
        <StatusBadge status={person.status} />
      </Detail>
      <Detail term="Hire date">{formatDate(person.hireDate)}</Detail>
      {person.separationDate ? <Detail term="Separation date">{formatDate(person.separationDate)}</Detail> : null}
      {person.separationType ? <Detail term="Separation type">{SEPARATION_TYPE_LABELS[person.separationType]}</Detail> : null}
      {person.separationReason ? (
        <Detail term="Separation reason">{reasonLabel(reasons, person.separationReason)}</Detail>
      ) : null}
    </SimpleGrid>
  );
}
