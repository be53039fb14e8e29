// file-type is ESM-only and declares its types through `exports`, which the project's node10
// module resolution does not read; Node 24 loads it with require(esm).
declare module 'file-type' {
  export function fileTypeFromBuffer(
    buffer: Uint8Array | ArrayBuffer,
  ): Promise<{ ext: string; mime: string } | undefined>;
}
