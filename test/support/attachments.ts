import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { deflateSync } from "node:zlib";
import type { Stack } from "#backend/local/stack.ts";
import type { UploadReadyReply } from "#protocol";

/** Uploads `bytes` as a browser does with an `uploadReady`: its fields, then the file, as a form. */
export async function postUpload(ready: Pick<UploadReadyReply, "url" | "fields">, bytes: Uint8Array, contentType: string, origin?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(ready.fields)) form.append(name, value);
  form.append("file", new Blob([bytes.slice()], { type: contentType }), "file");
  return fetch(ready.url, { method: "POST", body: form, ...(origin ? { headers: { origin } } : {}) });
}

/** Every object key in the stack's attachments bucket. */
export async function storedObjects(stack: Stack): Promise<string[]> {
  const client = new S3Client({ endpoint: stack.s3.endpoint, forcePathStyle: true, region: "us-east-1" });
  try {
    const output = await client.send(new ListObjectsV2Command({ Bucket: stack.attachmentsBucket }));
    return (output.Contents ?? []).map((object) => object.Key!);
  } finally {
    client.destroy();
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real PNG of `width` × `height` pixels of a gradient, made here (no image library needed). */
export function makePng(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = (x * 255) / width;
      raw[at + 1] = (y * 255) / height;
      raw[at + 2] = 128;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** A small valid PDF. */
export function makePdf(text: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}
