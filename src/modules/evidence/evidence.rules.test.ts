import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { EVIDENCE_SAMPLES as SAMPLES, evidenceBytes as bytes, heifHeader as ftyp } from "../../test/factories.ts";
import { attachmentDisposition, EVIDENCE_TYPE_LIST, EVIDENCE_TYPES, hasSignatureOf, sanitizeFileName, sniffEvidenceType } from "./evidence.rules.ts";

describe("evidence files", () => {
  it("recognizes each kind by its first bytes, and no kind as another", () => {
    for (const type of EVIDENCE_TYPE_LIST) {
      assert.equal(sniffEvidenceType(SAMPLES[type]), type);
      for (const other of EVIDENCE_TYPE_LIST) assert.equal(hasSignatureOf(other, SAMPLES[type]), other === type, `${type} as ${other}`);
    }
    assert.equal(sniffEvidenceType(bytes("MZ\x90\x00 an executable")), undefined);
    assert.equal(sniffEvidenceType(bytes("<html><script>")), undefined);
  });

  it("takes HEIF photos by their brands, not AVIF, and a PDF whose header comes after a little junk", () => {
    assert.ok(hasSignatureOf("image/heic", ftyp("mif1", "heic")));
    assert.ok(hasSignatureOf("image/heic", ftyp("heix")));
    assert.ok(!hasSignatureOf("image/heic", ftyp("avif", "mif1")));
    assert.ok(!hasSignatureOf("image/heic", ftyp("isom", "mp42")), "an MP4 video is not a photo");
    assert.ok(hasSignatureOf("application/pdf", bytes("\r\n\r\n%PDF-1.4")));
    assert.ok(!hasSignatureOf("application/pdf", Buffer.concat([Buffer.alloc(1100, 0x20), bytes("%PDF-1.4")])));
  });

  it("keeps the last part of a name, without control or reserved characters, ending in its kind's extension", () => {
    assert.equal(sanitizeFileName("../../etc/CPhT card.png", "image/png"), "CPhT card.png");
    assert.equal(sanitizeFileName("C:\\Users\\kevin\\scan 1.JPEG", "image/jpeg"), "scan 1.JPEG");
    assert.equal(sanitizeFileName('a"b<c>|?*\u0000\u202e.pdf', "application/pdf"), "a_b_c____.pdf");
    assert.equal(sanitizeFileName("virus.exe", "image/png"), "virus.exe.png");
    assert.equal(sanitizeFileName("IMG_0001.HEIC", "image/heic"), "IMG_0001.HEIC");
    assert.equal(sanitizeFileName(undefined, "application/pdf"), "evidence.pdf");
    assert.equal(sanitizeFileName(" ... ", "image/webp"), "evidence.webp");
    assert.equal(sanitizeFileName(`${"é".repeat(300)}.pdf`, "application/pdf"), `${"é".repeat(196)}.pdf`);
  });

  it("a cleaned name is short, single-segment and of its kind, whatever was sent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.constantFrom(...EVIDENCE_TYPE_LIST), (raw, type) => {
        const name = sanitizeFileName(raw, type);
        assert.ok(Array.from(name).length <= 200, name);
        assert.ok(!/[/\\\u0000-\u001f<>:"|?*]/.test(name), name);
        assert.ok(EVIDENCE_TYPES[type].extensions.some((e) => name.toLowerCase().endsWith(e)), name);
        assert.ok(!name.startsWith("."), name);
      }),
    );
  });

  it("offers the exact name for download and an ASCII one for old clients", () => {
    assert.equal(attachmentDisposition("CPhT card.png"), `attachment; filename="CPhT card.png"; filename*=UTF-8''CPhT%20card.png`);
    assert.equal(attachmentDisposition("Zoë's \"card\".pdf"), `attachment; filename="Zoe's _card_.pdf"; filename*=UTF-8''Zo%C3%AB%27s%20%22card%22.pdf`);
  });
});
