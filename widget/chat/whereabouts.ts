import { limits, localePatterns } from "#protocol";

/** How much of the page's URL a message carries: origin and path (default), with the query too, or nothing. */
export type PageMode = "path" | "full" | "off";

/** What a visitor's `send` says about where they are (protocol: `page`, `pageTitle`, `referrer`, `locale`). */
export interface Whereabouts {
  page?: string;
  pageTitle?: string;
  referrer?: string;
  locale: { language?: string; timeZone?: string };
}

/** `value` if it is an http(s) URL within the protocol's limit, else "". */
function httpUrl(value: string): string {
  return /^https?:\/\//.test(value) && value.length <= limits.pageUrlMaxChars ? value : "";
}

/**
 * The page a message is written on, the widget's language (the browser's when it chose none) and
 * the browser's time zone, from the browser alone (no lookups). The URL leaves out the fragment, and the query string too unless `mode` is
 * `full`; the referrer is only another site's page, and only its origin and path. Anything the
 * backend would refuse is left out rather than sent.
 */
export function whereabouts(mode: PageMode, chosenLanguage = ""): Whereabouts {
  const language = chosenLanguage || navigator.language;
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  const locale = {
    ...(localePatterns.language.test(language) && language.length <= limits.languageMaxChars ? { language } : {}),
    ...(localePatterns.timeZone.test(timeZone) && timeZone.length <= limits.timeZoneMaxChars ? { timeZone } : {}),
  };
  const url = httpUrl(mode === "full" ? location.href.split("#")[0]! : location.origin + location.pathname);
  if (mode === "off" || !url) return { locale };
  let referrer = "";
  try {
    const from = new URL(document.referrer);
    if (from.origin !== location.origin) referrer = httpUrl(from.origin + from.pathname);
  } catch {
    // no referrer, or not a URL
  }
  const title = document.title.trim().slice(0, limits.pageTitleMaxChars);
  return { page: url, ...(title ? { pageTitle: title } : {}), ...(referrer ? { referrer } : {}), locale };
}
