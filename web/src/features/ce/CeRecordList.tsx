import { Button, Card, FileButton, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EVIDENCE_ACCEPT, EVIDENCE_TYPES_TEXT, useEvidenceUpload } from "../evidence/evidence.api.ts";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { ceApi, type CeRecord } from "./ce.api.ts";
import { ACTIVITY_LABEL, AUDIENCE_LABEL, CE_VERIFICATION, FORMAT_LABEL, hours } from "./labels.ts";
import classes from "./ce.module.css";

function AttachCertificate({ record, onChanged }: { record: CeRecord; onChanged: () => void }) {
  const evidence = useEvidenceUpload(record.personId);
  const attach = useApiAction(ceApi.setEvidence);
  const send = async () => {
    const id = await evidence.upload();
    if (!id) return;
    const result = await attach.run(record.id, id);
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
            <Button {...props} size="xs" variant="default" aria-label={`Choose a certificate for ${record.title}`}>
              {evidence.file ? "Choose another file" : "Add certificate"}
            </Button>
          )}
        </FileButton>
        {evidence.file && !evidence.error ? (
          <Button size="xs" onClick={() => void send()} loading={evidence.isUploading || attach.isPending} aria-label={`Attach ${evidence.file.name} to ${record.title}`}>
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

function RecordActions({ record, canVerify, onChanged }: { record: CeRecord; canVerify: boolean; onChanged: () => void }) {
  const verify = useApiAction(ceApi.verify);
  const remove = useApiAction(ceApi.remove);
  const [confirming, setConfirming] = useState(false);
  const canRemove = canVerify || record.verificationStatus !== "verified";
  const decide = async (status: "verified" | "rejected") => {
    if ((await verify.run(record.id, status)).ok) onChanged();
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {canVerify && record.verificationStatus === "unverified" ? (
          <>
            <Button size="xs" onClick={() => void decide("verified")} loading={verify.isPending} aria-label={`Verify ${record.title}`}>
              Verify
            </Button>
            <Button size="xs" variant="default" onClick={() => void decide("rejected")} disabled={verify.isPending} aria-label={`Reject ${record.title}`}>
              Reject
            </Button>
          </>
        ) : null}
        {canRemove && !confirming ? (
          <Button size="xs" variant="default" c="red.9" onClick={() => setConfirming(true)} aria-label={`Remove ${record.title}`}>
            Remove
          </Button>
        ) : null}
        {confirming ? (
          <>
            <Button
              size="xs"
              color="red.9"
              loading={remove.isPending}
              onClick={async () => {
                if ((await remove.run(record.id)).ok) onChanged();
              }}
              aria-label={`Remove ${record.title} for good`}
            >
              Remove for good
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : null}
      </Group>
      <ErrorAlert error={verify.error ?? remove.error} />
    </Stack>
  );
}

interface CeRecordListProps {
  records: CeRecord[];
  canVerify: boolean;
  onChanged: () => void;
  emptyText: string;
}

/** A person's CE records, most recent first, with their certificate and verification. */
export function CeRecordList({ records, canVerify, onChanged, emptyText }: CeRecordListProps) {
  if (records.length === 0) return <Text size="sm">{emptyText}</Text>;
  return (
    <Stack component="ul" gap="sm" className={classes.plainList} aria-label="CE records">
      {records.map((record) => {
        const status = CE_VERIFICATION[record.verificationStatus];
        const details = [
          record.uan ? `UAN ${record.uan}` : ACTIVITY_LABEL[record.activityType],
          record.topic ? `topic ${record.topic} · ${record.topicName}` : null,
          record.format ? FORMAT_LABEL[record.format] : null,
          record.audience ? AUDIENCE_LABEL[record.audience] : null,
        ].filter(Boolean);
        return (
          <Card component="li" key={record.id} withBorder padding="sm" data-record={record.id}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <Text fw={600} className={classes.grow}>
                {record.title}
              </Text>
              <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
            </Group>
            <Text size="sm">
              {hours(record.hours)} · completed {formatDate(record.completedOn)}
              {record.provider ? ` · ${record.provider}` : ""}
            </Text>
            <Text size="sm" c="gray.7" className={classes.wrapText}>
              {details.join(" · ")}
            </Text>
            {record.evidenceFile ? <EvidenceLink file={record.evidenceFile} label="Certificate" /> : null}
            {!record.evidenceFile ? (
              <Stack mt="xs">
                <AttachCertificate record={record} onChanged={onChanged} />
              </Stack>
            ) : null}
            <Stack mt="xs">
              <RecordActions record={record} canVerify={canVerify} onChanged={onChanged} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
