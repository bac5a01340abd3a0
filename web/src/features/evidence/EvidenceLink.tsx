import { Anchor, Text } from "@mantine/core";
import { evidencePath, type EvidenceLinkData } from "./evidence.api.ts";

/** A link that downloads an evidence file. */
export function EvidenceLink({ file, label = "Evidence" }: { file: EvidenceLinkData; label?: string }) {
  return (
    <Text size="sm">
      {label}:{" "}
      <Anchor href={evidencePath(file.id)} download={file.fileName} style={{ overflowWrap: "anywhere" }}>
        {file.fileName}
      </Anchor>
    </Text>
  );
}
