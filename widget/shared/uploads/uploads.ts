import { html, nothing, type ReactiveControllerHost } from "lit";
import "./porch-upload-tray.ts";
import type { Attachment, AttachmentPolicy, UploadReadyReply } from "#protocol";
import { fill } from "../strings.ts";
import { uploadStrings, type UploadStrings } from "./strings.ts";
import { postFile, prepareFile } from "./prepare.ts";

/** One file on its way: prepared, uploading with its progress, ready to send, or refused (and why). */
export interface UploadItem {
  key: number;
  name: string;
  /** A local picture of an image, shown while it uploads. */
  previewUrl?: string;
  progress: number;
  state: "uploading" | "ready" | "failed";
  error?: string;
  attachment?: Attachment;
  done: Promise<void>;
}

/** What an upload asks the backend: the visitor's frame, or the owner's with the conversation. */
export type UploadRequest = (file: {
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
}) => Promise<UploadReadyReply>;

export interface UploadsOptions {
  request: UploadRequest;
  policy: () => AttachmentPolicy | null | undefined;
  /** The page's own words, if it gave any (`strings`). */
  strings: () => Partial<UploadStrings>;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 104857.6) / 10} MB`;

let nextKey = 0;

/**
 * The files a writer has attached to the message they are writing, uploaded straight to the
 * bucket as soon as they are chosen, pasted or dropped; a reactive controller's data, rendered by
 * `<porch-upload-tray>`. A file the site does not take is refused here, before any upload.
 */
export class Uploads {
  items: UploadItem[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: UploadsOptions,
  ) {}

  add(files: readonly File[]): void {
    for (const file of files) this.items = [...this.items, this.start(file)];
    this.host.requestUpdate();
  }

  remove(key: number): void {
    const item = this.items.find((candidate) => candidate.key === key);
    if (item?.previewUrl && item.state !== "ready") URL.revokeObjectURL(item.previewUrl);
    this.items = this.items.filter((candidate) => candidate.key !== key);
    this.host.requestUpdate();
  }

  /** The tray of these files, for the composer to show above its field. */
  tray(): unknown {
    return this.items.length
      ? html`<porch-upload-tray .items=${this.items} .strings=${this.strings} @remove-upload=${(event: { key: number }) => this.remove(event.key)}></porch-upload-tray>`
      : nothing;
  }

  /** Waits for the uploads under way, then hands over the uploaded files (the tray empties of them). */
  async take(): Promise<Attachment[]> {
    const taking = this.items.filter((item) => item.state !== "failed");
    await Promise.all(taking.map((item) => item.done));
    const ready = taking.filter((item) => item.state === "ready");
    this.items = this.items.filter((item) => !ready.includes(item));
    this.host.requestUpdate();
    return ready.map((item) => item.attachment!);
  }

  /** The words of the tray and the viewer, the page's over the defaults. */
  get strings(): UploadStrings {
    return { ...uploadStrings, ...this.options.strings() };
  }

  private start(file: File): UploadItem {
    const s = this.strings;
    const policy = this.options.policy();
    const item: UploadItem = { key: nextKey++, name: file.name || "file", progress: 0, state: "uploading", done: Promise.resolve() };
    const refuse = (reason: string) => Object.assign(item, { state: "failed", error: fill(s.fileRefused, { name: item.name, reason }) });
    const type = file.type.toLowerCase();
    if (!policy || !policy.contentTypes.includes(type)) return refuse(s.fileType);
    // An image is made small before it is measured: a 12 MP photo over the limit still goes.
    if (file.size > policy.maxBytes && !/^image\/(jpeg|png|webp)$/.test(type))
      return refuse(fill(s.fileTooLarge, { max: megabytes(policy.maxBytes) }));
    if (type.startsWith("image/")) item.previewUrl = URL.createObjectURL(file);
    item.done = this.upload(item, file, policy.maxBytes).catch((error: unknown) => {
      Object.assign(item, {
        state: "failed",
        error: error instanceof RangeError ? error.message : fill(s.uploadFailed, { name: item.name }),
      });
    });
    void item.done.then(() => this.host.requestUpdate());
    return item;
  }

  private async upload(item: UploadItem, file: File, maxBytes: number): Promise<void> {
    const s = this.strings;
    const prepared = await prepareFile(file);
    if (prepared.blob.size > maxBytes) {
      throw new RangeError(fill(s.fileRefused, { name: item.name, reason: fill(s.fileTooLarge, { max: megabytes(maxBytes) }) }));
    }
    const { blob, ...described } = prepared;
    const ready = await this.options.request({ ...described, size: blob.size });
    await postFile(ready, blob, (fraction) => {
      item.progress = fraction;
      this.host.requestUpdate();
    });
    item.state = "ready";
    item.progress = 1;
    // The sender's own copy shows from this browser's memory until the stored one comes back.
    item.attachment = {
      id: ready.attachmentId,
      name: prepared.name,
      contentType: prepared.contentType,
      size: blob.size,
      ...(prepared.width ? { width: prepared.width, height: prepared.height! } : {}),
      url: item.previewUrl ?? URL.createObjectURL(blob),
    };
  }
}
