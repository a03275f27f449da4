// date-chinese ships ambient types that its package.json "exports" hides from TypeScript's
// bundler resolution: include them from the package itself rather than copying them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- no import can reach types the package's exports hide
/// <reference path="../node_modules/date-chinese/types/index.d.ts" />
