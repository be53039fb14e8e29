/** The kinds of file that may be attached; decided from the bytes, checked against the name and claim. */
export enum FileKind {
  Png = 'png',
  Jpeg = 'jpeg',
  Gif = 'gif',
  Webp = 'webp',
  Pdf = 'pdf',
  Text = 'text',
  Zip = 'zip',
  Gzip = 'gzip',
  Tar = 'tar',
  SevenZip = '7z',
}

interface KindRule {
  label: string;
  contentType: string;
  /** Name endings that say "this kind"; a file named so must be of it. */
  extensions: string[];
  /** file-type's `ext` for this kind (none for text, which has no signature). */
  detectedAs?: string;
  /** Content types an uploader may claim for it. */
  declared: string[];
}

const RULES: Record<FileKind, KindRule> = {
  [FileKind.Png]: {
    label: 'a PNG image',
    contentType: 'image/png',
    extensions: ['png'],
    detectedAs: 'png',
    declared: ['image/png', 'image/x-png'],
  },
  [FileKind.Jpeg]: {
    label: 'a JPEG image',
    contentType: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    detectedAs: 'jpg',
    declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  },
  [FileKind.Gif]: {
    label: 'a GIF image',
    contentType: 'image/gif',
    extensions: ['gif'],
    detectedAs: 'gif',
    declared: ['image/gif'],
  },
  [FileKind.Webp]: {
    label: 'a WebP image',
    contentType: 'image/webp',
    extensions: ['webp'],
    detectedAs: 'webp',
    declared: ['image/webp'],
  },
  [FileKind.Pdf]: {
    label: 'a PDF document',
    contentType: 'application/pdf',
    extensions: ['pdf'],
    detectedAs: 'pdf',
    declared: ['application/pdf', 'application/x-pdf'],
  },
  [FileKind.Text]: {
    label: 'plain text',
    contentType: 'text/plain',
    extensions: 'txt text log csv tsv json ndjson md yaml yml ini conf cfg out err trace diff patch'.split(' '),
    declared: ['application/json', 'application/x-ndjson', 'application/yaml', 'application/x-yaml'],
  },
  [FileKind.Zip]: {
    label: 'a zip archive',
    contentType: 'application/zip',
    extensions: ['zip'],
    detectedAs: 'zip',
    declared: ['application/zip', 'application/x-zip', 'application/x-zip-compressed'],
  },
  [FileKind.Gzip]: {
    label: 'a gzip file',
    contentType: 'application/gzip',
    extensions: ['gz', 'gzip', 'tgz'],
    detectedAs: 'gz',
    declared: [
      'application/gzip',
      'application/x-gzip',
      'application/x-gzip-compressed',
      'application/x-gtar',
      'application/x-compressed-tar',
    ],
  },
  [FileKind.Tar]: {
    label: 'a tar archive',
    contentType: 'application/x-tar',
    extensions: ['tar'],
    detectedAs: 'tar',
    declared: ['application/x-tar', 'application/x-gtar'],
  },
  [FileKind.SevenZip]: {
    label: 'a 7z archive',
    contentType: 'application/x-7z-compressed',
    extensions: ['7z'],
    detectedAs: '7z',
    declared: ['application/x-7z-compressed'],
  },
};

/** Names that a browser or desktop would run or render: refused whatever the bytes look like. */
const FORBIDDEN_EXTENSIONS = new Set(
  [
    'html htm xhtml shtml mht mhtml svg svgz xml xsl xslt swf',
    'js mjs cjs jse ts vbs vbe wsf wsh hta ps1 psm1 psd1 bat cmd com exe dll msi msp scr cpl sys',
    'lnk reg inf scf url sh bash zsh csh ksh fish command app run bin elf so dylib',
    'jar apk deb rpm dmg pkg iso php phtml php3 php4 php5 phar py pyw pyc pl rb cgi asp aspx jsp',
  ]
    .join(' ')
    .split(' '),
);

/** Claimed types of active content: refused even when the bytes pass for text. */
const FORBIDDEN_DECLARED =
  /^(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|text\/(x-)?(java|ecma)script|application\/(x-)?(java|ecma)script|application\/x-(sh|csh|bat|msdownload|msdos-program|executable|elf|mach-binary|httpd-php|python|perl|ruby)|application\/vnd\.microsoft\.portable-executable|application\/java-archive|application\/x-ms-)/i;

/** Claims that name no kind in particular: the bytes alone decide. */
const GENERIC_DECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

export interface SniffInput {
  /** The first bytes of the file (all of it when `complete`). */
  head: Uint8Array;
  complete: boolean;
  /** What file-type recognised in `head`, if anything. */
  detected?: { ext: string; mime: string };
  filename: string;
  declaredType?: string;
}

export type KindDecision = { allowed: true; kind: FileKind; contentType: string } | { allowed: false; reason: string };

/** Decides a file's kind from its bytes, then refuses names and claims that say otherwise. */
export function decideKind(input: SniffInput): KindDecision {
  const extension = extensionOf(input.filename);
  const declared = normaliseDeclared(input.declaredType);
  if (extension && FORBIDDEN_EXTENSIONS.has(extension)) {
    return refused(`is named ".${extension}", a kind that is not allowed`);
  }
  if (declared && FORBIDDEN_DECLARED.test(declared)) {
    return refused(`was sent as ${declared}, a kind that is not allowed`);
  }
  const sniffed = sniffKind(input);
  if (!sniffed.allowed) {
    return sniffed;
  }
  const { kind } = sniffed;
  const named = extension ? kindOfExtension(extension) : undefined;
  if (named !== undefined && named !== kind) {
    return refused(`is named ".${extension}" but its contents are ${RULES[kind].label}`);
  }
  const claimed = declared ? kindsOfDeclared(declared) : undefined;
  if (claimed !== undefined && !claimed.includes(kind)) {
    return refused(`was sent as ${declared} but its contents are ${RULES[kind].label}`);
  }
  return sniffed;
}

function sniffKind(input: SniffInput): KindDecision {
  if (input.detected) {
    const kind = (Object.keys(RULES) as FileKind[]).find(
      (candidate) => RULES[candidate].detectedAs === input.detected?.ext,
    );
    return kind
      ? { allowed: true, kind, contentType: RULES[kind].contentType }
      : refused(`is ${input.detected.mime} (.${input.detected.ext}), a kind that is not allowed`);
  }
  const text = textEncodingOf(input.head, input.complete);
  if (text === undefined) {
    return refused('is neither a recognised image, PDF or archive nor plain text');
  }
  const start = leadingText(input.head);
  if (/^<[!?a-z]/i.test(start)) {
    return refused('looks like HTML, SVG or XML markup, which is not allowed');
  }
  if (start.startsWith('#!')) {
    return refused('is a script, which is not allowed');
  }
  return {
    allowed: true,
    kind: FileKind.Text,
    contentType: text === 'utf-8' ? 'text/plain; charset=utf-8' : 'text/plain',
  };
}

/**
 * Plain text: no NUL bytes and almost no other control characters (tabs, line breaks, form
 * feeds and the ESC of coloured logs are text). Valid UTF-8 is labelled so; other 8-bit text
 * (an old Latin-1 log) passes unlabelled. UTF-16 has NULs and is not taken.
 */
export function textEncodingOf(head: Uint8Array, complete: boolean): 'utf-8' | '8bit' | undefined {
  let suspicious = 0;
  for (const byte of head) {
    if (byte === 0) {
      return undefined;
    }
    if ((byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(byte)) || byte === 0x7f) {
      suspicious += 1;
    }
  }
  if (suspicious > head.length / 100) {
    return undefined;
  }
  return isUtf8(complete ? head : withoutTruncatedSequence(head)) ? 'utf-8' : '8bit';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A sample cut mid-character would otherwise fail UTF-8 validation. */
function withoutTruncatedSequence(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

function leadingText(head: Uint8Array): string {
  return new TextDecoder('utf-8')
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
}

export function extensionOf(filename: string): string | undefined {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : undefined;
}

function kindOfExtension(extension: string): FileKind | undefined {
  return (Object.keys(RULES) as FileKind[]).find((kind) => RULES[kind].extensions.includes(extension));
}

function normaliseDeclared(declaredType: string | undefined): string | undefined {
  const type = declaredType?.split(';')[0].trim().toLowerCase() ?? '';
  return GENERIC_DECLARED.has(type) ? undefined : type;
}

/** The kinds a claimed type is consistent with; undefined when it names none we know (no verdict). */
function kindsOfDeclared(declared: string): FileKind[] | undefined {
  if (declared.startsWith('text/')) {
    return [FileKind.Text];
  }
  const kinds = (Object.keys(RULES) as FileKind[]).filter((kind) => RULES[kind].declared.includes(declared));
  if (kinds.length > 0) {
    return kinds;
  }
  // A claim of some other image or archive type contradicts any bytes we accept.
  return /^(image|audio|video|font|model)\//.test(declared) ? [] : undefined;
}

function refused(reason: string): KindDecision {
  return { allowed: false, reason };
}
