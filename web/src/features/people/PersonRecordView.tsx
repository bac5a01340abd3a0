import { Card, Stack, Text, Title, type TitleOrder } from "@mantine/core";
import type { ReactNode } from "react";
import type { QueryState } from "../../api.ts";
import { ErrorAlert, Loading } from "../../ui/index.ts";
import { useSites } from "../sites/sites.api.ts";
import { EmploymentEventForm } from "./EmploymentEventForm.tsx";
import { EmploymentHistory } from "./EmploymentHistory.tsx";
import { ExitInterviewForm } from "./ExitInterviewForm.tsx";
import { ExitInterviews } from "./ExitInterviews.tsx";
import { InviteToSignIn } from "./InviteToSignIn.tsx";
import { useSeparationReasons, type PersonRecord } from "./people.api.ts";
import { PersonDetails } from "./PersonDetails.tsx";

function Section({ title, order, children }: { title: string; order: TitleOrder; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section">
      <Stack gap="sm">
        <Title order={order} fz={order <= 2 ? "h3" : "h4"}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

interface PersonRecordViewProps {
  record: QueryState<PersonRecord>;
  /** Heading level of the record's sections, one below the page's heading. */
  headingOrder: TitleOrder;
}

/** A person's details, employment history and exit interviews, with the forms the viewer may use. */
export function PersonRecordView({ record, headingOrder }: PersonRecordViewProps) {
  const reasons = useSeparationReasons();
  const canEdit = record.data?.permissions.canEdit ?? false;
  const sites = useSites(canEdit);

  if (record.error && !record.data) return <ErrorAlert error={record.error} onRetry={record.reload} />;
  if (!record.data) return <Loading />;

  const { person, events, exitInterviews, hasAccount, permissions } = record.data;
  const reasonItems = reasons.data?.items;

  return (
    <Stack gap="md">
      <ErrorAlert error={record.error} onRetry={record.reload} />
      <Section title="Details" order={headingOrder}>
        <PersonDetails person={person} reasons={reasonItems} />
        {permissions.canManageAccount && !hasAccount ? <InviteToSignIn personId={person.id} onInvited={record.reload} /> : null}
      </Section>

      {events ? (
        <Section title="Employment history" order={headingOrder}>
          <EmploymentHistory events={events} reasons={reasonItems} />
        </Section>
      ) : null}

      {exitInterviews && (exitInterviews.length > 0 || person.status === "separated") ? (
        <Section title="Exit interviews" order={headingOrder}>
          <ExitInterviews interviews={exitInterviews} reasons={reasonItems} />
        </Section>
      ) : null}

      {canEdit ? (
        <Section title="Record an employment event" order={headingOrder}>
          <ErrorAlert error={sites.error ?? reasons.error} title="Some choices could not be loaded" />
          <EmploymentEventForm
            key={person.id}
            person={person}
            sites={sites.data?.items ?? []}
            reasons={reasonItems ?? []}
            onRecorded={record.reload}
          />
        </Section>
      ) : null}

      {canEdit && person.status === "separated" ? (
        <Section title="Record an exit interview" order={headingOrder}>
          <ExitInterviewForm personId={person.id} reasons={reasonItems ?? []} onRecorded={record.reload} />
        </Section>
      ) : null}

      {canEdit && person.status !== "separated" ? (
        <Text size="sm" c="gray.7">
          Exit interviews can be recorded once a separation is recorded.
        </Text>
      ) : null}
    </Stack>
  );
}
