import { Anchor, Card, Group, List, Progress, Stack, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { formatDate } from "../../format.ts";
import type { PersonLadder } from "./ladder.api.ts";
import { sortRequirements } from "./RequirementChecklist.tsx";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

/** Missing requirements named in the summary; the rest are in the checklist below it. */
const SUMMARY_LIMIT = 5;

/** The id of the section with a next level's requirements, for linking to it. */
export function targetSectionId(target: { track: string; level: string }): string {
  return `toward-${target.track}-${target.level}`;
}

function joinNodes(nodes: ReactNode[]): ReactNode {
  return nodes.map((node, index) => (
    <Fragment key={index}>
      {index === 0 ? null : index === nodes.length - 1 ? " and " : ", "}
      {node}
    </Fragment>
  ));
}

/**
 * The one thing to read first: the level held, and what is still needed for the next one, in
 * a sentence ("You are Pharmacy Technician I. To reach Pharmacy Technician II you still need: …").
 */
export function StandingSummary({ ladder, isSelf }: { ladder: PersonLadder; isSelf: boolean }) {
  const name = ladder.person.firstName;
  const { currentLevels } = ladder;
  const target = ladder.next[0];

  const current =
    currentLevels.length === 0 ? (
      <Text fz="lg" fw={500}>
        {isSelf ? "You do not have a level on the ladder yet." : `${name} does not have a level on the ladder yet.`}
      </Text>
    ) : (
      <Text fz="lg" fw={500}>
        {isSelf ? "You are " : `${name} is `}
        {joinNodes(
          currentLevels.map((level) => (
            <Fragment key={level.track}>
              <strong>{level.levelName}</strong>
              <Text span size="sm" c="gray.7" fw={400}>
                {" "}
                (since {formatDate(level.startedOn)})
              </Text>
            </Fragment>
          )),
        )}
        .
      </Text>
    );

  let outlook: ReactNode = null;
  if (target) {
    const requirements = sortRequirements(target.requirements);
    const missing = requirements.filter((r) => r.status === "missing");
    const expiring = requirements.filter((r) => r.status === "expiring");
    outlook = (
      <Stack gap="xs">
        <Stack gap={4}>
          <Text size="sm" c="gray.7">
            {target.percent}% of the requirements for {target.levelName} met
          </Text>
          <Progress value={target.percent} size="lg" aria-label={`Requirements met for ${target.levelName}`} />
        </Stack>
        {target.eligible || missing.length === 0 ? (
          <Text fw={500}>
            {isSelf ? "You meet" : `${name} meets`} every requirement for <strong>{target.levelName}</strong>.
            {isSelf ? " Ask your manager about a promotion." : ""}
          </Text>
        ) : (
          <>
            <Text fw={500}>
              To reach <strong>{target.levelName}</strong> {isSelf ? "you still need" : `${name} still needs`}:
            </Text>
            <List spacing={2} size="md" withPadding>
              {missing.slice(0, SUMMARY_LIMIT).map((requirement, index) => (
                <List.Item key={`${requirement.label}-${index}`}>{requirement.label}</List.Item>
              ))}
            </List>
            {missing.length > SUMMARY_LIMIT ? (
              <Text size="sm">
                …and {missing.length - SUMMARY_LIMIT} more.{" "}
                <Anchor href={`#${targetSectionId(target)}`}>See every requirement</Anchor>
              </Text>
            ) : null}
          </>
        )}
        {expiring.length > 0 ? (
          <>
            <Text fw={500}>Renew soon:</Text>
            <List spacing={2} withPadding>
              {expiring.map((requirement, index) => (
                <List.Item key={`${requirement.label}-${index}`}>
                  {requirement.label}
                  {requirement.expiresOn ? ` (expires ${formatDate(requirement.expiresOn)})` : ""}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </Stack>
    );
  } else if (currentLevels.length > 0) {
    outlook = <Text>There is no higher level on {isSelf ? "your" : `${name}'s`} track to work toward.</Text>;
  }

  const upcoming = ladder.upcomingLevels.map((level) => (
    <Group key={`${level.track}-${level.startedOn}`} gap="xs" wrap="nowrap" align="flex-start">
      <ToneBadge tone="pending">Upcoming</ToneBadge>
      <Text fw={500}>
        Promoted to <strong>{level.levelName}</strong> effective {formatDate(level.startedOn)}
      </Text>
    </Group>
  ));

  return (
    <Card withBorder padding="md" className={classes.summary} component="section" aria-label="Where things stand">
      <Stack gap="sm">
        {current}
        {upcoming}
        {outlook}
      </Stack>
    </Card>
  );
}
