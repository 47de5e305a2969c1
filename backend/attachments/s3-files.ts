import type { S3Client } from "@aws-sdk/client-s3";
import type { AttachmentFiles } from "../chat/ports.ts";
import { sentTag } from "./object-key.ts";

type S3Modules = {
  client: S3Client;
  s3: typeof import("@aws-sdk/client-s3");
  post: typeof import("@aws-sdk/s3-presigned-post");
  presigner: typeof import("@aws-sdk/s3-request-presigner");
};

const taggingXml = (value: string) => `<Tagging><TagSet><Tag><Key>${sentTag.key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

/** RFC 6266: a name any browser reads (ASCII fallback) and the real one (UTF-8, percent-encoded). */
function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The attachments' bucket on S3 (or the local stack's S3, found through `AWS_ENDPOINT_URL_S3`,
 * addressed by path there). Presigning is computed here, without a request to S3. The S3 client
 * (which the Lambda runtime ships: backend/handlers/bundling.ts) and the presigners are loaded on
 * the first attachment, not at cold start.
 */
export class S3AttachmentFiles implements AttachmentFiles {
  private loaded: Promise<S3Modules> | undefined;

  constructor(private readonly bucket: string) {}

  private modules(): Promise<S3Modules> {
    this.loaded ??= Promise.all([
      import("@aws-sdk/client-s3"),
      import("@aws-sdk/s3-presigned-post"),
      import("@aws-sdk/s3-request-presigner"),
    ]).then(([s3, post, presigner]) => ({
      s3,
      post,
      presigner,
      client: new s3.S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
    }));
    return this.loaded;
  }

  async uploadForm(input: { key: string; contentType: string; size: number; expiresInS: number }) {
    const { client, post } = await this.modules();
    const { url, fields } = await post.createPresignedPost(client, {
      Bucket: this.bucket,
      Key: input.key,
      // S3 refuses a file of another size or type; the check after upload looks inside it.
      Conditions: [
        ["content-length-range", input.size, input.size],
        ["eq", "$Content-Type", input.contentType],
      ],
      Fields: { "Content-Type": input.contentType, tagging: taggingXml(sentTag.unsent) },
      Expires: input.expiresInS,
    });
    return { url, fields };
  }

  async putFile(input: { key: string; contentType: string; bytes: Uint8Array }): Promise<void> {
    const { client, s3 } = await this.modules();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        Body: input.bytes,
        ContentType: input.contentType,
        Tagging: `${sentTag.key}=${sentTag.unsent}`,
      }),
    );
  }

  async downloadUrl(input: { key: string; contentType: string; name: string; inline: boolean; expiresInS: number }): Promise<string> {
    const { client, s3, presigner } = await this.modules();
    const command = new s3.GetObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ResponseContentType: input.contentType,
      ResponseContentDisposition: contentDisposition(input.inline ? "inline" : "attachment", input.name),
      ResponseCacheControl: "private, max-age=600",
    });
    return presigner.getSignedUrl(client, command, { expiresIn: input.expiresInS });
  }

  async markSent(key: string): Promise<boolean> {
    const { client, s3 } = await this.modules();
    try {
      await client.send(
        new s3.PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: [{ Key: sentTag.key, Value: sentTag.sent }] } }),
      );
      return true;
    } catch (error) {
      if (isMissing(s3, error)) return false;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<{ bytes: Uint8Array; size: number } | null> {
    const { client, s3 } = await this.modules();
    try {
      const output = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
      const body = await output.Body!.transformToByteArray();
      // A ranged answer says the whole object's size after the slash; a whole one, its length.
      const total = /\/(\d+)$/.exec(output.ContentRange ?? "")?.[1];
      return { bytes: body, size: total ? Number(total) : (output.ContentLength ?? body.length) };
    } catch (error) {
      if (isMissing(s3, error)) return null;
      throw error;
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    const { client, s3 } = await this.modules();
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      const output = await client.send(
        new s3.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      if (output.Errors?.length) throw new Error(`objects not deleted: ${JSON.stringify(output.Errors.slice(0, 3))}`);
    }
  }
}

function isMissing(s3: S3Modules["s3"], error: unknown): boolean {
  return error instanceof s3.S3ServiceException && (error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404);
}
