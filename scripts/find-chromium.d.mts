export declare class ChromiumNotFoundError extends Error {}
export declare function knownBrowserPaths(platform: string, env: Record<string, string | undefined>): string[];
export declare function isExecutable(file: string): boolean;
export declare function chromeLauncherInstallations(): string[];
export declare function locateChromium(options?: {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (file: string) => boolean;
  installations?: () => string[];
}): string;
