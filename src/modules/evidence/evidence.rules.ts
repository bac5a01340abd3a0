/** Evidence files: which kinds are taken, how their bytes are recognized, how their names are cleaned. Pure. */

/** The database's limit on one file (evidence_files.size_bytes). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_TYPES = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
  "image/png": { label: "PNG", extensions: [".png"] },
  "image/heic": { label: "HEIC", extensions: [".heic", ".heif"] },
  "image/webp": { label: "WebP", extensions: [".webp"] },
} as const;

export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export const EVIDENCE_TYPE_LIST = Object.keys(EVIDENCE_TYPES) as EvidenceType[];

/** "PDF, JPEG, PNG, HEIC or WebP" */
export const EVIDENCE_TYPES_TEXT = (() => {
  const labels = EVIDENCE_TYPE_LIST.map((type) => EVIDENCE_TYPES[type].label);
  return `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
})();

export function isEvidenceType(type: string): type is EvidenceType {
  return Object.hasOwn(EVIDENCE_TYPES, type);
}

/** The media type of a Content-Type header, without parameters, lower case. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);

/** HEIF brands of still images from HEVC-coded photos (iPhone: heic; mif1 is the generic HEIF brand). */
const HEIF_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== "ftyp") return false;
  const boxSize = Math.min(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, bytes.length, 4096);
  const major = ascii(bytes, 8, 4);
  // AVIF is HEIF too (mif1) but not HEVC: not what image/heic declares.
  if (major === "avif" || major === "avis") return false;
  if (HEIF_BRANDS.has(major)) return true;
  for (let at = 16; at + 4 <= boxSize; at += 4) if (HEIF_BRANDS.has(ascii(bytes, at, 4))) return true;
  return false;
}

/** Whether the file's first bytes are those of the declared kind (a renamed or mislabelled file is not). */
export function hasSignatureOf(type: EvidenceType, bytes: Uint8Array): boolean {
  switch (type) {
    case "application/pdf": {
      // Readers accept the header anywhere in the first 1024 bytes.
      const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
      return head.indexOf("%PDF-") !== -1;
    }
    case "image/jpeg":
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "image/png":
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "image/webp":
      return bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP";
    case "image/heic":
      return isHeif(bytes);
  }
}

/** The evidence kind the bytes look like, if any: to tell the uploader what the file really is. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  return EVIDENCE_TYPE_LIST.find((type) => hasSignatureOf(type, bytes));
}

const MAX_NAME_LENGTH = 200;

/**
 * A file name safe to store and to offer back for download: the last path segment, without
 * control characters or characters that file systems refuse, at most 200 characters, and ending
 * in an extension of its kind (so "scan.exe" sent as a PNG is kept as "scan.exe.png").
 */
export function sanitizeFileName(raw: string | undefined, type: EvidenceType): string {
  const { extensions } = EVIDENCE_TYPES[type];
  let name = (raw ?? "").normalize("NFC");
  name = name.split(/[/\\]/).at(-1) ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const lower = name.toLowerCase();
  const matched = extensions.find((e) => lower.endsWith(e));
  // The extension as it was written (IMG_0001.HEIC stays so), or the kind's own.
  const extension = matched ? name.slice(name.length - matched.length) : extensions[0];
  let stem = matched ? name.slice(0, name.length - matched.length) : name;
  stem = Array.from(stem).slice(0, MAX_NAME_LENGTH - extension.length).join("").trim();
  return `${stem || "evidence"}${extension}`;
}

/** Content-Disposition for a download: an ASCII fallback name and the exact one (RFC 6266, RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%]/g, "_") || "evidence";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
