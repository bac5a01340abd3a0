import { Box, Group, Progress, Stack, Text } from "@mantine/core";
import { formatDate } from "../../format.ts";
import type { RequirementResult, RequirementStatus } from "./ladder.api.ts";
import { REQUIREMENT_STATUS } from "./labels.ts";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

const STATUS_ORDER: Record<RequirementStatus, number> = { missing: 0, expiring: 1, met: 2 };

/** Missing first, then expiring, then met; the framework's order within each. */
export function sortRequirements(requirements: readonly RequirementResult[]): RequirementResult[] {
  return requirements
    .map((requirement, index) => ({ requirement, index }))
    .sort((a, b) => STATUS_ORDER[a.requirement.status] - STATUS_ORDER[b.requirement.status] || a.index - b.index)
    .map(({ requirement }) => requirement);
}

function statusText(requirement: RequirementResult): string {
  if (requirement.status === "expiring" && requirement.expiresOn) return `Expires ${formatDate(requirement.expiresOn)}`;
  return REQUIREMENT_STATUS[requirement.status].label;
}

interface RequirementChecklistProps {
  requirements: readonly RequirementResult[];
  /** Accessible name of the list. */
  label: string;
  /** Smaller text and no progress bars, for summaries. */
  compact?: boolean;
}

/** The requirements of a level, each with its status, the reason and how far along it is. */
export function RequirementChecklist({ requirements, label, compact = false }: RequirementChecklistProps) {
  if (requirements.length === 0) return <Text size="sm">This level states no requirements.</Text>;
  return (
    <Stack component="ul" gap={compact ? 6 : "sm"} className={classes.plainList} aria-label={label}>
      {sortRequirements(requirements).map((requirement, index) => {
        const status = REQUIREMENT_STATUS[requirement.status];
        const percent = Math.round(Math.min(1, Math.max(0, requirement.progress)) * 100);
        return (
          <li key={`${requirement.kind}-${requirement.label}-${index}`} className={classes.requirement} data-status={requirement.status}>
            <span className={classes.symbol} data-status={requirement.status} aria-hidden>
              {status.symbol}
            </span>
            <Box className={classes.grow}>
              <Text fw={600} size={compact ? "sm" : "md"} className={classes.wrapText}>
                {requirement.label}
              </Text>
              <Text component="div" size="sm" c="gray.7" mt={2} className={classes.wrapText}>
                <ToneBadge tone={status.tone}>{statusText(requirement)}</ToneBadge>
                {requirement.reason ? ` ${requirement.reason}` : null}
              </Text>
              {!compact && requirement.status !== "met" && percent > 0 && percent < 100 ? (
                <Group gap="xs" mt={4} wrap="nowrap">
                  <Progress
                    value={percent}
                    className={classes.grow}
                    size="md"
                    color={requirement.status === "expiring" ? "yellow.8" : "ladderTeal"}
                    aria-label={`${requirement.label}: progress`}
                  />
                  <Text size="xs" c="gray.7" w={36} ta="end" aria-hidden>
                    {percent}%
                  </Text>
                </Group>
              ) : null}
            </Box>
          </li>
        );
      })}
    </Stack>
  );
}
