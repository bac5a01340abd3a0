import { FileInput } from "@mantine/core";
import { EVIDENCE_ACCEPT, EVIDENCE_TYPES_TEXT } from "./evidence.api.ts";

interface EvidenceFileInputProps {
  label: string;
  value: File | null;
  onChange: (file: File | null) => void;
  error: string | undefined;
  /** What the file should show. */
  hint?: string;
  disabled?: boolean;
}

/** Choosing one evidence file (a certificate, a photo of a card, a scan), with the kinds and size taken. */
export function EvidenceFileInput({ label, value, onChange, error, hint, disabled }: EvidenceFileInputProps) {
  return (
    <FileInput
      label={label}
      description={`${hint ? `${hint} ` : ""}${EVIDENCE_TYPES_TEXT}, up to 10 MB.`}
      placeholder="Choose a file"
      // The placeholder is text on a button here, not an input's hint: it needs 4.5:1 like any text.
      styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
      accept={EVIDENCE_ACCEPT}
      clearable
      clearButtonProps={{ "aria-label": `Remove the chosen file` }}
      value={value}
      onChange={onChange}
      error={error}
      disabled={disabled}
    />
  );
}
