import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * The page's attention signals for an owner reply, both off unless the page asks: a title badge
 * ("(1) New reply · <the page's title>") while the tab is hidden, until it shows again, and a soft
 * two-note chime made with WebAudio (no audio file; nothing is created before the first reply, and
 * a browser that has not let the page play sound yet stays silent).
 */
export class AttentionSignals implements ReactiveController {
  /** Replies that arrived while the tab was hidden. */
  private unseen = 0;
  /** The page's own title, while the badge replaces it. */
  private pageTitle: string | null = null;
  /** Created on the first chime. */
  audio: AudioContext | undefined;
  /** Chimes played (for tests). */
  chimes = 0;
  private readonly shown = () => {
    if (document.visibilityState !== "visible" || this.pageTitle === null) return;
    document.title = this.pageTitle;
    this.pageTitle = null;
    this.unseen = 0;
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: { badge: () => string | null; sound: () => boolean },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener("visibilitychange", this.shown);
  }

  hostDisconnected(): void {
    document.removeEventListener("visibilitychange", this.shown);
    this.shown();
  }

  /** An owner reply arrived; `looking`: the visitor has the panel open on a visible tab. */
  reply(looking: boolean): void {
    const badge = this.options.badge();
    if (badge !== null && document.visibilityState === "hidden") {
      this.pageTitle ??= document.title;
      const count = badge.replace("{count}", String(++this.unseen));
      document.title = this.pageTitle ? `${count} · ${this.pageTitle}` : count;
    }
    if (this.options.sound() && !looking) void this.chime();
  }

  /** The chime's code loads with the first one (a page without `sound` never fetches it). */
  private async chime(): Promise<void> {
    const { playChime } = await import("./chime.ts");
    playChime((this.audio ??= new AudioContext()));
    this.chimes++;
  }
}
