import { Alert, Card, Group, List, Progress, Stack, Text, Title, type TitleOrder } from "@mantine/core";
import { useId } from "react";
import { formatDate } from "../../format.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { CeCompliance } from "./ce.api.ts";
import { CE_STATUS, credentialLabel, daysLeftText, hours } from "./labels.ts";
import classes from "./ce.module.css";

function RequirementBar({ requirement, credential }: { requirement: CeCompliance["requirements"][number]; credential: string }) {
  const percent = requirement.needed > 0 ? Math.min(100, Math.round((requirement.counted / requirement.needed) * 100)) : 100;
  const rest = Math.max(0, requirement.needed - requirement.counted);
  return (
    <li className={classes.requirement} data-requirement={requirement.code} data-met={requirement.isMet}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} className={classes.grow}>
          {requirement.label}
        </Text>
        <Text size="sm" className={classes.noWrap}>
          {hours(requirement.counted)} of {hours(requirement.needed)}
        </Text>
      </Group>
      <Progress value={percent} size="lg" color={requirement.isMet ? "ladderTeal" : "blue.8"} aria-label={`${requirement.label} for ${credential}: ${hours(requirement.counted)} of ${hours(requirement.needed)}`} />
      <Text size="xs" c={requirement.isMet ? "ladderTeal.9" : "gray.7"}>
        {requirement.isMet ? "Met" : `${hours(rest)} to go`}
      </Text>
    </li>
  );
}

function renewalText(c: CeCompliance): string | null {
  if (c.status === "expired") return null;
  if (c.renewal.isOpen && c.renewal.isPastApplyBy) return `Renewal is open; the last day to apply without a late fee was ${formatDate(c.renewal.applyBy)}.`;
  if (c.renewal.isOpen) return `Renewal is open${c.renewal.applyBy ? `: apply by ${formatDate(c.renewal.applyBy)} to avoid a late fee` : ""}.`;
  if (c.renewal.opensOn) return `Renewal opens ${formatDate(c.renewal.opensOn)}${c.renewal.applyBy ? `; apply by ${formatDate(c.renewal.applyBy)}` : ""}.`;
  return null;
}

interface CredentialProgressProps {
  compliance: CeCompliance;
  headingOrder: TitleOrder;
  /** "you" for the signed-in person's own page, else the person's first name. */
  who: string;
}

/** Progress toward one credential's renewal: the bars per requirement, what counts and what does not, and the warnings. */
export function CredentialProgress({ compliance: c, headingOrder, who }: CredentialProgressProps) {
  const id = useId();
  const name = credentialLabel(c);
  const status = CE_STATUS[c.status];
  const counted = c.records.filter((r) => r.countedHours > 0);
  const notCounted = c.records.filter((r) => r.countedHours < r.hours);
  const isSelf = who === "you";
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} data-credential={c.certificationCode}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={headingOrder} fz="h3" id={id} className={classes.grow}>
            {name}
          </Title>
          <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
        </Group>
        <Text size="sm">
          Cycle {formatDate(c.cycle.startsOn)} – {formatDate(c.cycle.endsOn)} · <strong>{daysLeftText(c.daysLeft)}</strong>
          {c.isHoldingVerified ? "" : " · the credential itself awaits verification"}
        </Text>
        {renewalText(c) ? <Text size="sm">{renewalText(c)}</Text> : null}
        {c.warning ? (
          c.warning.days <= 30 ? (
            <Alert color="red" title={c.warning.days === 0 ? "The cycle ended short of CE" : "Still short of CE"} data-warning={c.warning.days}>
              <Text size="sm">{c.warning.message}</Text>
            </Alert>
          ) : (
            <Alert color="yellow" c="#5c3c00" title="Still short of CE" data-warning={c.warning.days}>
              <Text size="sm">{c.warning.message}</Text>
            </Alert>
          )
        ) : null}
        <Stack component="ul" gap="sm" className={classes.plainList} aria-label={`Progress toward renewing ${name}`}>
          {c.requirements.map((requirement) => (
            <RequirementBar key={requirement.code} requirement={requirement} credential={name} />
          ))}
        </Stack>
        {c.unverifiedHours > 0 ? (
          <Text size="sm" c="gray.7">
            {hours(c.unverifiedHours)} of these {isSelf ? "await verification by your manager" : "await verification"}.
          </Text>
        ) : null}
        <div>
          <Title order={(headingOrder + 1) as TitleOrder} fz="h5">
            What counts
          </Title>
          {counted.length === 0 ? (
            <Text size="sm">Nothing yet in this cycle.</Text>
          ) : (
            <List size="sm" spacing={2} withPadding>
              {counted.map((r) => (
                <List.Item key={r.recordId}>
                  {r.title}: {hours(r.countedHours)}
                  {r.countedHours < r.hours ? ` of ${hours(r.hours)}` : ""} ({formatDate(r.completedOn)})
                </List.Item>
              ))}
            </List>
          )}
        </div>
        {notCounted.length > 0 ? (
          <div>
            <Title order={(headingOrder + 1) as TitleOrder} fz="h5">
              What does not count, and why
            </Title>
            <List size="sm" spacing={2} withPadding>
              {notCounted.map((r) => (
                <List.Item key={r.recordId}>
                  {r.title} ({formatDate(r.completedOn)}, {hours(r.hours - r.countedHours)}): {r.explanation}
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {c.ruleSet.verify ? (
          <Text size="xs" c="gray.7">
            These renewal rules are defaults your organization should confirm.
          </Text>
        ) : null}
        <details className={classes.about}>
          <summary>
            <Text span size="sm">
              About this rule
            </Text>
          </summary>
          <Stack gap={4} mt={4}>
            <Text size="xs" c="gray.7">
              {c.ruleSet.name}
              {c.ruleSet.custom ? " (set by your organization)" : ""}. Source: {c.ruleSet.source}.
            </Text>
            {c.ruleSet.notes.length > 0 ? (
              <List size="xs" c="gray.7" spacing={0} withPadding>
                {c.ruleSet.notes.map((note) => (
                  <List.Item key={note}>{note}</List.Item>
                ))}
              </List>
            ) : null}
          </Stack>
        </details>
      </Stack>
    </Card>
  );
}
