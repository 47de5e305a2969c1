export declare const insideShellFlag: string;
export declare function runInsideSstShell(script: string, ownOptions?: readonly string[]): never;
