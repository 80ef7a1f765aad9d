declare const __LEO_LENS_VERSION__: string | undefined;

/** The package version, injected by esbuild from package.json; the fallback serves runs from sources (tests). */
export const VERSION: string = typeof __LEO_LENS_VERSION__ === 'string' ? __LEO_LENS_VERSION__ : '0.0.0-dev';
