import { useState } from "react";
import { apiRequest, useApiAction } from "../../api.ts";
import type { EvidenceType } from "../../../../src/modules/evidence/evidence.rules.ts";

/** An uploaded evidence file, as the API returns it. */
export interface EvidenceFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** An evidence file attached to a record (a sign-off, a credential). */
export interface EvidenceLinkData {
  id: string;
  fileName: string;
}

/** The server's limit: 10 MB. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const TYPES: Record<EvidenceType, { label: string; extensions: string[] }> = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
  "image/png": { label: "PNG", extensions: [".png"] },
  "image/heic": { label: "HEIC", extensions: [".heic", ".heif"] },
  "image/webp": { label: "WebP", extensions: [".webp"] },
};

export const EVIDENCE_TYPES_TEXT = "PDF, JPEG, PNG, HEIC or WebP";
/** For the file picker: the types and extensions taken (browsers often give HEIC photos no type). */
export const EVIDENCE_ACCEPT = Object.entries(TYPES).flatMap(([type, { extensions }]) => [type, ...extensions]).join(",");

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The evidence type of a chosen file: its own type when the browser knows one we take, else its extension's. */
export function evidenceTypeOf(file: File): EvidenceType | undefined {
  const type = file.type.toLowerCase() === "image/heif" ? "image/heic" : file.type.toLowerCase();
  if (type in TYPES) return type as EvidenceType;
  const name = file.name.toLowerCase();
  return (Object.keys(TYPES) as EvidenceType[]).find((t) => TYPES[t].extensions.some((e) => name.endsWith(e)));
}

/** Why a chosen file cannot be evidence, checked before uploading it; undefined when it can. */
export function evidenceFileProblem(file: File): string | undefined {
  if (!evidenceTypeOf(file)) return `Choose a ${EVIDENCE_TYPES_TEXT} file; ${file.name} is not one.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_EVIDENCE_BYTES) return `${file.name} is ${megabytes(file.size)}; a file can be at most ${megabytes(MAX_EVIDENCE_BYTES).replace(".0", "")}.`;
  return undefined;
}

export const evidencePath = (fileId: string) => `/api/evidence/${encodeURIComponent(fileId)}`;

export const evidenceApi = {
  /** Sends the file itself as the body, with its type and (URI-encoded) name. */
  upload: (personId: string, file: File) =>
    apiRequest<EvidenceFile>("POST", `/api/people/${encodeURIComponent(personId)}/evidence`, {
      body: file,
      headers: { "content-type": evidenceTypeOf(file) ?? file.type, "x-file-name": encodeURIComponent(file.name) },
    }),
};

/**
 * The evidence file chosen in a form: checked when chosen, uploaded when the form is sent (once,
 * even when sending the form has to be tried again), with the error to show next to the input.
 */
export function useEvidenceUpload(personId: string) {
  const [file, setChosen] = useState<File | null>(null);
  const [problem, setProblem] = useState<string>();
  const [uploaded, setUploaded] = useState<{ file: File; id: string }>();
  const action = useApiAction(evidenceApi.upload);

  const choose = (next: File | null) => {
    setChosen(next);
    setProblem(next ? evidenceFileProblem(next) : undefined);
    action.reset();
  };

  /** The id to attach: null without a file, undefined when the file cannot be uploaded (the error says why). */
  const upload = async (): Promise<string | null | undefined> => {
    if (!file) return null;
    const found = evidenceFileProblem(file);
    if (found) {
      setProblem(found);
      return undefined;
    }
    if (uploaded?.file === file) return uploaded.id;
    const result = await action.run(personId, file);
    if (!result.ok) return undefined;
    setUploaded({ file, id: result.value.id });
    return result.value.id;
  };

  const reset = () => {
    setChosen(null);
    setProblem(undefined);
    setUploaded(undefined);
    action.reset();
  };

  const serverProblem = action.error ? (action.error.fieldMessage("file") ? `The file ${action.error.fieldMessage("file")}.` : action.error.message) : undefined;
  return { file, choose, error: problem ?? serverProblem, upload, isUploading: action.isPending, reset };
}
