import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { ladderApi, type CertificationHolding } from "./ladder.api.ts";
import { HOLDING_STATE, VERIFICATION_STATUS } from "./labels.ts";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

function VerifyButtons({ holding, onChanged }: { holding: CertificationHolding; onChanged: () => void }) {
  const verify = useApiAction(ladderApi.verifyCertification);
  const decide = async (status: "verified" | "rejected") => {
    const result = await verify.run(holding.id, status);
    if (result.ok) onChanged();
  };
  return (
    <Stack gap="xs">
      <ErrorAlert error={verify.error} />
      <Group gap="xs">
        <Button size="xs" onClick={() => void decide("verified")} loading={verify.isPending} aria-label={`Verify ${holding.name}`}>
          Verify
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => void decide("rejected")}
          disabled={verify.isPending}
          aria-label={`Reject ${holding.name}`}
        >
          Reject
        </Button>
      </Group>
    </Stack>
  );
}

interface CertificationListProps {
  holdings: CertificationHolding[];
  canVerify: boolean;
  onChanged: () => void;
  emptyText: string;
}

export function CertificationList({ holdings, canVerify, onChanged, emptyText }: CertificationListProps) {
  if (holdings.length === 0) return <Text size="sm">{emptyText}</Text>;
  return (
    <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Certifications held">
      {holdings.map((holding) => {
        const state = HOLDING_STATE[holding.status] ?? HOLDING_STATE.active;
        const awaiting = holding.verificationStatus === "unverified";
        const identity = [holding.number ? `No. ${holding.number}` : null, holding.issuer, holding.state].filter(Boolean).join(" · ");
        return (
          <Card component="li" key={holding.id} withBorder padding="sm">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Text fw={600} className={`${classes.grow} ${classes.wrapText}`}>
                {holding.name}
              </Text>
              <Group gap={6}>
                <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
                {awaiting ? <ToneBadge tone="pending">{VERIFICATION_STATUS.unverified.label}</ToneBadge> : null}
              </Group>
            </Group>
            {identity ? (
              <Text size="sm" className={classes.wrapText}>
                {identity}
              </Text>
            ) : null}
            <Text size="sm" c="gray.7">
              Earned {formatDate(holding.earnedOn)} · {holding.expiresOn ? `expires ${formatDate(holding.expiresOn)}` : "does not expire"}
              {holding.verificationStatus === "verified" ? " · verified" : ""}
            </Text>
            {canVerify && awaiting ? (
              <Stack mt="xs">
                <VerifyButtons holding={holding} onChanged={onChanged} />
              </Stack>
            ) : null}
          </Card>
        );
      })}
    </Stack>
  );
}
