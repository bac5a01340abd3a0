import { Button, Card, FileButton, Group, Stack, Text } from "@mantine/core";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EVIDENCE_ACCEPT, EVIDENCE_TYPES_TEXT, useEvidenceUpload } from "../evidence/evidence.api.ts";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
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

/** Attaching a copy to a credential recorded without one: choosing the file uploads and attaches it. */
function AttachEvidence({ holding, personId, onChanged }: { holding: CertificationHolding; personId: string; onChanged: () => void }) {
  const evidence = useEvidenceUpload(personId);
  const attach = useApiAction(ladderApi.setCertificationEvidence);
  const send = async () => {
    const evidenceFileId = await evidence.upload();
    if (!evidenceFileId) return;
    const result = await attach.run(holding.id, evidenceFileId);
    if (result.ok) {
      evidence.reset();
      onChanged();
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <FileButton onChange={evidence.choose} accept={EVIDENCE_ACCEPT}>
          {(props) => (
            <Button {...props} size="xs" variant="default" aria-label={`Choose a copy of ${holding.name}`}>
              {evidence.file ? "Choose another file" : "Add a copy"}
            </Button>
          )}
        </FileButton>
        {evidence.file && !evidence.error ? (
          <Button size="xs" onClick={() => void send()} loading={evidence.isUploading || attach.isPending} aria-label={`Attach ${evidence.file.name} to ${holding.name}`}>
            Attach {evidence.file.name}
          </Button>
        ) : null}
      </Group>
      {evidence.file ? null : (
        <Text size="xs" c="gray.7">
          {EVIDENCE_TYPES_TEXT}, up to 10 MB.
        </Text>
      )}
      {evidence.error ? (
        <Text size="sm" c="red.9" role="alert">
          {evidence.error}
        </Text>
      ) : null}
      <ErrorAlert error={attach.error} />
    </Stack>
  );
}

interface CertificationListProps {
  holdings: CertificationHolding[];
  canVerify: boolean;
  /** Whose credentials these are, and whether the viewer may attach copies to them. */
  personId: string;
  canAttachEvidence: boolean;
  onChanged: () => void;
  emptyText: string;
}

export function CertificationList({ holdings, canVerify, personId, canAttachEvidence, onChanged, emptyText }: CertificationListProps) {
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
            {holding.evidenceFile ? <EvidenceLink file={holding.evidenceFile} label="Copy" /> : null}
            {!holding.evidenceFile && canAttachEvidence ? (
              <Stack mt="xs">
                <AttachEvidence holding={holding} personId={personId} onChanged={onChanged} />
              </Stack>
            ) : null}
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
